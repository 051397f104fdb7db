export { checkShape, shapeProblems, WireShapeError, type ShapeProblem } from './check-shape.js'
export { GROUND_TRUTH, readGroundTruth, type GroundTruthItem, type GroundTruthKind } from './ground-truth.js'
export {
  InventoryItemSchema,
  LedgerEntrySchema,
  PlatformOrderSchema,
  PublishedEventSchema,
  ReceivedWebhookSchema,
} from './ground-truth-schemas.js'
export { INTEGRITY_CHECKS } from './integrity-schema.js'
export { JOURNEY_KINDS, OPERATIONS } from './load-schema.js'
export {
  BreakerSpanSchema,
  ComparatorSchema,
  FaultRecordSchema,
  OperationLatencyMetricSchema,
  QueueSampleSchema,
  SloMetricSchema,
  SloSpecSchema,
  SloUnitSchema,
} from './record-schemas.js'
export { ReportSchema } from './report-schema.js'
export { REPORT_SCHEMA_ID, reportJsonSchema, WRITE_REPORT_SCHEMA_COMMAND } from './report-json-schema.js'
export { validateReport } from './validate-report.js'
