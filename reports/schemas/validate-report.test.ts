import { describe, expect, it } from 'vitest'

import { analyze } from '../analyze.js'
import { renderJson } from '../render-json.js'
import type { Report } from '../report.js'
import { publishedSchemaErrors } from '../testing/report-schema-file.js'
import { aVarietyOfReports } from '../testing/report-variety.js'
import { aRunRecord } from '../testing/run-record-factory.js'
import { validateReport } from './validate-report.js'

const reports = aVarietyOfReports()

describe('validateReport', () => {
  it.each(Object.keys(reports))('accepts the %s report, as does docs/report.schema.json', (name) => {
    const report = reports[name]!
    expect(validateReport(report)).toEqual({ ok: true })
    expect(publishedSchemaErrors(renderJson(report))).toEqual([])
  })

  it('covers every optional part of the report between the variety', () => {
    const all = Object.values(reports)
    expect(all.some((r) => r.interrupted === true)).toBe(true)
    expect(all.some((r) => r.latencyMs === undefined)).toBe(true)
    expect(all.some((r) => r.findings.some((f) => f.timeline.length > 0))).toBe(true)
    expect(all.some((r) => r.slos.some((s) => s.actual === undefined) && r.slos.some((s) => s.pass))).toBe(
      true,
    )
    expect(all.some((r) => r.faultsInjected.length > 0)).toBe(true)
    expect(
      all.some((r) => r.browsing !== undefined && r.phases.some((p) => p.browsing?.latency === undefined)),
    ).toBe(true)
    expect(all.some((r) => r.integrity.moneyConservation !== undefined)).toBe(true)
    expect(all.some((r) => r.integrity.oversell !== undefined && r.integrity.lostEvents !== undefined)).toBe(
      true,
    )
    expect(
      all.some(
        (r) =>
          r.operations !== undefined &&
          r.journeys !== undefined &&
          r.schedule?.lagMs !== undefined &&
          r.timeseries?.some((p) => p.latencyMs !== undefined) &&
          r.timeseries.some((p) => p.latencyMs === undefined) &&
          r.historyFile !== undefined &&
          r.load.dropped !== undefined &&
          r.phases.some((p) => p.operations !== undefined) &&
          r.slos.some((s) => s.metric === 'latency.view.p99') &&
          (r.integrity.clientCausedDuplicates ?? 0) > 0,
      ),
    ).toBe(true)
  })

  it('rejects an SLO metric on an operation it does not know', () => {
    const report = structuredClone(aVarietyOfReports().loaded!)
    const slo = report.slos[0]!
    Object.assign(slo, { metric: 'latency.teleport.p99' })
    expect(validateReport(report).ok).toBe(false)
    expect(publishedSchemaErrors(JSON.stringify(report))).not.toEqual([])
  })

  it.each<[string, (report: Record<string, unknown> & Report) => void, string]>([
    [
      'a renamed field',
      (r) => renameKey(r, 'durationMs', 'duration_ms'),
      '/durationMs: Expected required property',
    ],
    ['an extra field', (r) => Object.assign(r, { extra: 1 }), '/extra: Unexpected property'],
    [
      'a figure written as a string',
      (r) => Object.assign(r.load, { achievedRate: '0.3' }),
      '/load/achievedRate: Expected number',
    ],
    [
      'a ratio above 1',
      (r) => Object.assign(r.phases[0]!, { availability: 1.5 }),
      '/phases/0/availability: Expected number to be less or equal to 1',
    ],
    [
      'null for an absent figure',
      (r) => Object.assign(r, { latencyMs: null }),
      '/latencyMs: Expected object',
    ],
    [
      'a fractional count',
      (r) => Object.assign(r.integrity, { lostOrders: 0.5 }),
      '/integrity/lostOrders: Expected integer',
    ],
    ['another schema version', (r) => Object.assign(r, { schemaVersion: 2 }), '/schemaVersion: Expected 1'],
  ])('rejects %s, naming the field, and so does the published file', (_, breakIt, error) => {
    const report = structuredClone(analyze(aRunRecord())) as Record<string, unknown> & Report
    breakIt(report)
    const result = validateReport(report)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors).toContain(error)
    expect(publishedSchemaErrors(JSON.stringify(report))).not.toEqual([])
  })
})

function renameKey(target: Record<string, unknown>, from: string, to: string): void {
  target[to] = target[from]
  delete target[from]
}
