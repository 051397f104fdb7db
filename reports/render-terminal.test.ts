import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderTerminal } from './render-terminal.js'
import { aVarietyOfReports } from './testing/report-variety.js'
import { aBrowse, aLoad, aRunRecord, ordersOf } from './testing/run-record-factory.js'

describe('renderTerminal', () => {
  it('shows a Browsing line when the run browsed, and none when it did not', () => {
    const record = aRunRecord()
    record.browses = [1, 2, 3, 4].map((n) => aBrowse(n, { ok: n !== 4, latencyMs: 10 }))
    expect(renderTerminal(analyze(record))).toContain(
      '  Browsing: 4 requests, 3 succeeded, 1 failed; availability 75%; p50 10 ms, p95 10 ms, p99 10 ms, max 10 ms',
    )
    expect(renderTerminal(analyze(aRunRecord()))).not.toContain('Browsing')
  })

  it('shows each SLO with its actual, threshold and PASS/FAIL', () => {
    const record = aRunRecord()
    record.slos = [
      {
        name: 'checkout p99',
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 100,
        unit: 'ms',
        phase: 'steady',
      },
      { name: 'availability', metric: 'availability', comparator: '>=', threshold: 0.999, unit: 'ratio' },
    ]
    const text = renderTerminal(analyze(record))
    expect(text).toMatch(/PASS\s+checkout p99\s+steady\s+50 ms\s+≤ 100 ms/)
    expect(text).toMatch(/PASS\s+availability\s+whole run\s+100%\s+≥ 99.9%/)
    expect(text).toContain('(seed 42): PASS')
    expect(text).not.toContain('Failed:')
  })

  it('says which SLO failed in which phase and which check failed', () => {
    const record = aRunRecord()
    record.slos = [
      {
        name: 'checkout p99',
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 20,
        unit: 'ms',
        phase: 'steady',
      },
    ]
    ordersOf(record)[0]!.status = 'pending'
    const text = renderTerminal(analyze(record))
    expect(text).toContain('(seed 42): FAIL')
    expect(text).toContain('- SLO "checkout p99" in phase "steady": 50 ms, needs ≤ 20 ms')
    expect(text).toContain('- integrity check unresolved orders: 1')
  })

  it('writes no escape codes unless colour is asked for', () => {
    const report = analyze(aRunRecord())
    expect(renderTerminal(report)).not.toContain('\u001b[')
    expect(renderTerminal(report, { color: true })).toContain('\u001b[32mPASS\u001b[0m')
  })

  it('strips control characters from names so a scenario cannot drive the terminal', () => {
    const record = aRunRecord()
    record.scenario = 'evil\u001b[2Jname'
    expect(renderTerminal(analyze(record))).toContain('evil[2Jname')
  })
})

describe('renderTerminal under --no-slos', () => {
  it('heads the SLOs as not judged and marks each met or missed, leaving them out of what failed', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 10, unit: 'ms' }]
    record.slosJudged = false
    const text = renderTerminal(analyze(record))
    expect(text).toMatch(/: PASS/)
    expect(text).toContain('SLOs (not judged: --no-slos)')
    expect(text).toMatch(/MISSED\s+p99/)
    expect(text).not.toContain('Failed:')
  })
})

describe('renderTerminal of the message queue', () => {
  it('shows the max backlog and each broker fault’s drain, and nothing when the run read no queue', () => {
    const text = renderTerminal(aVarietyOfReports().queued!)
    expect(text).toContain('Queue: max backlog 12 at 6 s, 0 at the end; 3 consumed')
    expect(text).toMatch(/toxic:latency on broker\s+4 s\s+with a later broker fault \(began at 4 s\)/)
    expect(text).toMatch(/link:down on broker\s+6 s\s+after 2 s/)
    expect(renderTerminal(analyze(aRunRecord()))).not.toContain('Queue')
  })

  it('shows the per-operation table, the schedule line and client-caused duplicates when the run has them', () => {
    const text = renderTerminal(aVarietyOfReports().loaded!)
    expect(text).toContain('(3 arrivals dropped)')
    expect(text).toContain('  schedule: 76 scheduled, 73 started, 3 dropped, lag p99 0.4 ms')
    expect(text).toMatch(/operation\s+attempted\s+ok\s+fail\s+indet\s+p50\s+p99/)
    expect(text).toMatch(/checkout\s+4\s+3\s+0\s+1\s+50 ms\s+200 ms/)
    expect(text).toContain('client-caused duplicates: 1')
    const plain = renderTerminal(analyze(aRunRecord()))
    expect(plain).not.toContain('schedule:')
    expect(plain).not.toContain('Operations')
    expect(plain).not.toContain('client-caused')
  })

  it('counts thousands with separators in the schedule line', () => {
    const record = { ...aRunRecord(), load: aLoad() }
    record.load.schedule = {
      scheduled: 1200,
      started: 1200,
      dropped: 0,
      lagMs: { p50: 0.1, p99: 0.4, max: 2 },
    }
    expect(renderTerminal(analyze(record))).toContain(
      'schedule: 1,200 scheduled, 1,200 started, 0 dropped, lag p99 0.4 ms',
    )
  })
})
