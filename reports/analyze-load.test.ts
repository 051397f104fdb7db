import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { aLoad, aRunRecord } from './testing/run-record-factory.js'

describe('analyze with the load driver’s figures', () => {
  it('reports operations, journeys, the schedule, the time series and the history file, run and phase', () => {
    const record = { ...aRunRecord(), load: aLoad({ dropped: 2, historyFile: 'history.ndjson' }) }
    const report = analyze(record)
    expect(report.operations?.checkout).toEqual({
      attempted: 4,
      ok: 3,
      fail: 0,
      indeterminate: 1,
      latencyMs: { p50: 50, p90: 100, p95: 150, p99: 200, max: 250 },
    })
    expect(Object.keys(report.operations ?? {})).toEqual([
      'browse',
      'view',
      'cart',
      'item',
      'checkout',
      'status',
    ])
    expect(report.journeys?.checkout?.arrivals).toBe(3)
    expect(report.schedule).toEqual({
      scheduled: 75,
      started: 73,
      dropped: 2,
      lagMs: { p50: 0.1, p99: 0.4, max: 1.2 },
    })
    expect(report.timeseries).toHaveLength(10)
    expect(report.historyFile).toBe('history.ndjson')
    const [steady, quiesce] = report.phases
    expect(steady?.operations?.view?.attempted).toBe(30)
    expect(steady?.schedule?.dropped).toBe(2)
    // A phase the driver sent nothing in: empty figures, nothing scheduled.
    expect(quiesce).toMatchObject({
      operations: {},
      journeys: {},
      schedule: { scheduled: 0, started: 0, dropped: 0 },
    })
  })

  it('shows dropped arrivals beside the checkouts, never among them or among the indeterminate', () => {
    const report = analyze({ ...aRunRecord(), load: aLoad({ dropped: 5 }) })
    expect(report.load).toMatchObject({
      checkoutsAttempted: 3,
      checkoutsSucceeded: 3,
      checkoutsFailed: 0,
      dropped: 5,
    })
    expect(report.phases[0]?.load.dropped).toBe(5)
    expect(report.phases[1]?.load.dropped).toBe(0)
  })

  it('leaves every driver block out of a report from a record without them', () => {
    const report = analyze(aRunRecord())
    for (const key of ['operations', 'journeys', 'schedule', 'timeseries', 'historyFile'])
      expect(report).not.toHaveProperty(key)
    expect(report.load).not.toHaveProperty('dropped')
    for (const phase of report.phases) {
      for (const key of ['operations', 'journeys', 'schedule']) expect(phase).not.toHaveProperty(key)
    }
  })
})
