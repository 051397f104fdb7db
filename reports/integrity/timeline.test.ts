import { describe, expect, it } from 'vitest'

import { aCheckout, aRunRecord, ledgerOf, ordersOf } from '../testing/run-record-factory.js'
import { buildEvidence } from './evidence.js'
import { timelineFor } from './timeline.js'

describe('timelineFor', () => {
  it('orders client, platform, psp and fault events by time since the run started', () => {
    const record = aRunRecord([aCheckout(1, { atMs: 1000, latencyMs: 300 })])
    const evidence = buildEvidence({
      startedAt: record.startedAt,
      attempts: record.attempts,
      faults: [
        { target: 'psp', kind: 'latency', params: { latency: 200 }, fromMs: 900, toMs: 1100 },
        { target: 'psp', kind: 'timeout', params: {}, fromMs: 5000, toMs: 6000 },
      ],
      ledger: ledgerOf(record),
      orders: ordersOf(record),
    })
    const timeline = timelineFor(evidence, { orderIds: ['ord_1'] })
    expect(timeline.map((event) => [event.atMs, event.source])).toEqual([
      [900, 'fault'],
      [1000, 'client'],
      [1005, 'platform'],
      [1010, 'psp'],
      [1020, 'psp'],
      [1100, 'fault'],
      [1300, 'client'],
    ])
  })

  it('is empty for a subject nothing touched', () => {
    const record = aRunRecord()
    const evidence = buildEvidence({
      ...record,
      faults: [],
      ledger: ledgerOf(record),
      orders: ordersOf(record),
    })
    expect(timelineFor(evidence, { orderIds: ['ord_none'] })).toEqual([])
  })
})
