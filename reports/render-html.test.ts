import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderHtml } from './render-html.js'
import { aCheckout, aLoad, aRunRecord, isoAt, ledgerOf } from './testing/run-record-factory.js'
import { xmlProblems } from './testing/xml-well-formed.js'

describe('renderHtml', () => {
  it('escapes a malicious scenario name everywhere it appears', () => {
    const record = aRunRecord()
    record.scenario = '<script>alert("x")</script>'
    const html = renderHtml(analyze(record))
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
  })

  it('is self-contained: no scripts, stylesheets, images or fetched assets', () => {
    const html = renderHtml(analyze(aRunRecord()))
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('draws the per-phase latency and availability charts as inline SVG', () => {
    const checkouts = [aCheckout(1), aCheckout(2, { phase: 'outage', atMs: 10_500, latencyMs: 800 })]
    const record = aRunRecord(checkouts)
    record.phases.splice(1, 0, { name: 'outage', startMs: 10_000, endMs: 11_000, targetRate: 1, faults: [] })
    const html = renderHtml(analyze(record))
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain('<title>outage p99: 800 ms</title>')
    expect(html).toContain('<title>steady: 100%</title>')
    expect(html).toContain('— no attempts')
    for (const svg of html.match(/<svg [\s\S]*?<\/svg>/g) ?? []) expect(xmlProblems(svg)).toEqual([])
  })

  it('shows the verdict, the failing SLO and findings', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 10, unit: 'ms' }]
    const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
    ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
    const html = renderHtml(analyze(record))
    expect(html).toContain('Verdict: ❌ FAIL')
    expect(html).toContain('SLO &quot;p99&quot; in the whole run: 50 ms, needs ≤ 10 ms')
    expect(html).toContain('<strong>duplicate charges</strong> — order ord_1, key key_1')
  })

  it('draws arrivals and checkout p99 per second and lists the operations when the run has them', () => {
    const html = renderHtml(analyze({ ...aRunRecord(), load: aLoad({ dropped: 1 }) }))
    expect(html).toContain('<h2>Operations</h2>')
    expect(html).toContain('<title>Arrivals and checkout p99 per second</title>')
    expect(html).toContain('<title>1 s: 7 arrivals, 7 completions</title>')
    expect(html).toContain('<title>1 s: checkout p99 60 ms</title>')
    expect(html).toContain('<td>checkout</td><td class="n">4</td><td class="n">3</td>')
    expect(html).toContain('Schedule: 74 scheduled, 73 started, 1 dropped')
    expect(html.match(/<svg /g)).toHaveLength(3)
    for (const svg of html.match(/<svg [\s\S]*?<\/svg>/g) ?? []) expect(xmlProblems(svg)).toEqual([])
    expect(renderHtml(analyze(aRunRecord()))).not.toContain('<h2>Operations</h2>')
  })
})
