import { checkIntegrity } from './integrity/check-integrity.js'
import { LATENCY_METHOD } from './latency-summary.js'
import { measureRun } from './phase-reports.js'
import { queueReport } from './queue-report.js'
import type { Report } from './report.js'
import { recoveryTimes } from './recovery.js'
import { evaluateSlos } from './slo-evaluation.js'
import type { RunRecord } from './types.js'

/**
 * Turns a game day's record into its report (report.json, schemaVersion 1): load and latency
 * per run and phase (with the driver's per-operation, per-journey and schedule figures and its time
 * series when the record has them), each SLO judged, every integrity check that could run, and the verdict —
 * `pass` when every SLO and the integrity checks hold (the integrity checks alone when the record
 * says its SLOs are not judged). Pure and deterministic.
 * @example const report = analyze(record); if (report.verdict === 'fail') process.exitCode = 1
 */
export function analyze(record: RunRecord): Report {
  const measured = measureRun(record)
  const recovery = recoveryTimes(record)
  const queue = queueReport(record)
  const slos = evaluateSlos(record.slos, measured.run, measured.byPhase, recovery, queue)
  const { integrity, findings } = checkIntegrity(record)
  const judged = record.slosJudged !== false
  const verdict = (!judged || slos.every((slo) => slo.pass)) && integrity.pass ? 'pass' : 'fail'
  return {
    schemaVersion: 1,
    scenario: record.scenario,
    seed: record.seed,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    ...(record.interrupted ? { interrupted: true as const } : {}),
    verdict,
    ...(judged ? {} : { slosJudged: false as const }),
    safeguards: { ...record.safeguards },
    load: measured.run.load,
    ...(measured.run.latencyMs === undefined ? {} : { latencyMs: measured.run.latencyMs }),
    latencyMethod: LATENCY_METHOD,
    ...(measured.run.browsing === undefined ? {} : { browsing: measured.run.browsing }),
    ...(measured.run.operations === undefined ? {} : { operations: measured.run.operations }),
    ...(measured.run.journeys === undefined ? {} : { journeys: measured.run.journeys }),
    ...(measured.run.schedule === undefined ? {} : { schedule: measured.run.schedule }),
    phases: measured.phases,
    slos,
    integrity,
    findings,
    faultsInjected: record.faultsInjected,
    ...(recovery.length > 0 ? { recovery } : {}),
    ...(record.reconciliation ? { reconciliation: record.reconciliation } : {}),
    ...(record.breakers ? { breakers: record.breakers } : {}),
    ...(queue ? { queue } : {}),
    ...(record.load ? { timeseries: record.load.timeseries } : {}),
    ...(record.load?.historyFile === undefined ? {} : { historyFile: record.load.historyFile }),
  }
}
