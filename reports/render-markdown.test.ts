import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderMarkdown } from './render-markdown.js'
import { aVarietyOfReports } from './testing/report-variety.js'
import { aBrowse, aRunRecord, isoAt, ledgerOf } from './testing/run-record-factory.js'

describe('renderMarkdown', () => {
  it('shows browsing for the run and per phase when the run browsed, and nothing when it did not', () => {
    const record = aRunRecord()
    record.browses = [1, 2].map((n) => aBrowse(n, { latencyMs: 10 }))
    const markdown = renderMarkdown(analyze(record))
    expect(markdown).toContain(
      '**Browsing:** 2 requests, 2 succeeded, 0 failed; availability 100%; p50 10 ms, p95 10 ms, p99 10 ms, max 10 ms',
    )
    expect(markdown).toContain('| steady | 2 | 2 | 0 | 100% | 10 ms | 10 ms | 10 ms | 10 ms |')
    expect(markdown).toContain('| quiesce | 0 | 0 | 0 | — | — | — | — | — |')
    expect(renderMarkdown(analyze(aRunRecord()))).not.toContain('Browsing')
  })

  it('says the run passed when it did', () => {
    const markdown = renderMarkdown(analyze(aRunRecord()))
    expect(markdown).toContain('**Verdict: ✅ PASS**')
    expect(markdown).toContain('| ⏭️ | oversell | not recorded by this run |')
  })

  it('names the SLO that failed and its phase, with ❌ in the SLO table', () => {
    const record = aRunRecord()
    record.slos = [
      {
        name: 'checkout p99',
        metric: 'latency.p99',
        comparator: '<=',
        threshold: 10,
        unit: 'ms',
        phase: 'steady',
      },
      { name: 'availability', metric: 'availability', comparator: '>=', threshold: 0.99, unit: 'ratio' },
    ]
    const markdown = renderMarkdown(analyze(record))
    expect(markdown).toContain('**Verdict: ❌ FAIL**')
    expect(markdown).toContain('SLO "checkout p99" in phase "steady": 50 ms, needs ≤ 10 ms')
    expect(markdown).toContain('| ❌ | checkout p99 | latency.p99 | steady | 50 ms | ≤ 10 ms |')
    expect(markdown).toContain('| ✅ | availability | availability | whole run | 100% | ≥ 99% |')
  })

  it('shows a finding with its timeline', () => {
    const record = aRunRecord()
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
    const markdown = renderMarkdown(analyze(record))
    expect(markdown).toContain('### 1. duplicate charges — order ord_1, key key_1')
    expect(markdown).toMatch(/\| 500 ms \| psp \| capture ch_1b of pi_1b/)
  })

  it('escapes table-breaking and HTML characters from the run', () => {
    const record = aRunRecord()
    record.scenario = 'evil | <script>'
    record.slos = [{ name: 'a|b', metric: 'latency.max', comparator: '<=', threshold: 1, unit: 'ms' }]
    const markdown = renderMarkdown(analyze(record))
    expect(markdown).not.toContain('<script>')
    expect(markdown).toContain('a\\|b')
  })
})

describe('renderMarkdown of an interrupted run', () => {
  it('says the figures cover the part that ran', () => {
    expect(renderMarkdown(analyze({ ...aRunRecord(), interrupted: true }))).toContain('**Interrupted** after')
    expect(renderMarkdown(analyze(aRunRecord()))).not.toContain('Interrupted')
  })
})

describe('renderMarkdown of the message queue', () => {
  it('has a Queue section with the max backlog and the drain per broker fault', () => {
    const markdown = renderMarkdown(aVarietyOfReports().queued!)
    expect(markdown).toContain('## Queue')
    expect(markdown).toContain('Max backlog **12** at 6 s · 0 at the end · 3 consumed')
    expect(markdown).toContain('| link:down on broker | steady | 6 s | after 2 s |')
    expect(markdown).toContain(
      '| toxic:latency on broker | steady | 4 s | with a later broker fault (began at 4 s) |',
    )
    expect(renderMarkdown(analyze(aRunRecord()))).not.toContain('## Queue')
  })

  it('shows the per-operation table and the schedule when the run has them, and nothing when not', () => {
    const md = renderMarkdown(aVarietyOfReports().loaded!)
    expect(md).toContain('## Operations')
    expect(md).toContain('Schedule: 76 scheduled, 73 started, 3 dropped, lag p99 0.4 ms.')
    expect(md).toContain('| operation | attempted | ok | fail | indet | p50 | p99 |')
    expect(md).toContain('| checkout | 4 | 3 | 0 | 1 | 50 ms | 200 ms |')
    expect(md).toContain('3 arrivals dropped')
    expect(md).toContain('client-caused duplicates (informational) | 1 |')
    expect(renderMarkdown(analyze(aRunRecord()))).not.toContain('## Operations')
    expect(renderMarkdown(analyze(aRunRecord()))).not.toContain('client-caused')
  })
})
