export { analyze } from './analyze.js'
export { renderHtml } from './render-html.js'
export { renderJson } from './render-json.js'
export { renderJunit } from './render-junit.js'
export { renderMarkdown } from './render-markdown.js'
export { renderTerminal, type RenderTerminalOptions } from './render-terminal.js'
export { writeReports } from './write-reports.js'
export { LATENCY_METHOD } from './latency-summary.js'
export {
  checkShape,
  GROUND_TRUTH,
  readGroundTruth,
  ReportSchema,
  reportJsonSchema,
  validateReport,
  WireShapeError,
  type GroundTruthItem,
  type GroundTruthKind,
  type ShapeProblem,
} from './schemas/index.js'
export type {
  CurrencyBalance,
  Finding,
  Integrity,
  IntegrityCheck,
  LatencySummary,
  LoadSummary,
  PhaseReport,
  QueueDrain,
  QueueReport,
  Reconciliation,
  Report,
  SkippedCheck,
  SloResult,
  TimelineEvent,
  TimelineSource,
} from './report.js'
export type * from './types.js'
