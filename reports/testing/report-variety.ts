/**
 * Reports that between them carry every optional part of report.json: SLOs passed, failed and
 * unmeasurable, findings with timelines, skipped sources, faults, the message queue, the load driver's
 * figures with a client-caused duplicate, an interrupted and an empty run.
 * Schema tests validate each one.
 */
import { analyze } from '../analyze.js'
import type { Report } from '../report.js'
import {
  aBrowse,
  aCheckout,
  aFreshKeyDoubleCharge,
  aLoad,
  aRunRecord,
  isoAt,
  ledgerOf,
} from './run-record-factory.js'

/** Named reports from `analyze()` of synthetic records. */
export function aVarietyOfReports(): Record<string, Report> {
  const correct = aRunRecord()
  correct.slos = [
    { name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 100, unit: 'ms' },
    {
      name: 'availability',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
      phase: 'steady',
    },
    {
      name: 'nowhere',
      metric: 'errorRate',
      comparator: '<=',
      threshold: 0.01,
      unit: 'ratio',
      phase: 'missing',
    },
  ]

  const defective = aRunRecord([1, 2, 3, 4].map((n) => aCheckout(n, { currency: n === 4 ? 'jpy' : 'usd' })))
  const capture = ledgerOf(defective).find((entry) => entry.id === 'ch_1')!
  ledgerOf(defective).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
  defective.attempts[1]!.outcome = { type: 'fail', status: 402, code: 'card_declined' }
  defective.attempts[2]!.outcome = { type: 'info', reason: 'timeout' }
  const fault = { target: 'psp', kind: 'latency', params: { latency: 800 }, fromMs: 1_000, toMs: 4_000 }
  defective.phases[0]!.faults = [fault]
  defective.faultsInjected = [fault]
  defective.inventory = [{ sku: 'sku_1', initialStock: 2, stock: -1, paidQuantity: 3 }]
  defective.publishedEvents = [{ eventId: 'evt_1', type: 'OrderPaid', orderId: 'ord_1' }]
  defective.webhooks = [
    { id: 'evt_p1', type: 'payment_intent.succeeded', orderId: 'ord_1', processedCount: 2 },
  ]

  const blind = { ...aRunRecord(), ledger: { skipped: 'GET /__admin/ledger answered HTTP 500' } }
  // Browsing in `steady` only (none in `quiesce`: that phase's browsing has counts, no ratios).
  const browsing = aRunRecord()
  browsing.browses = [1, 2, 3, 4].map((n) => aBrowse(n, { ok: n !== 4, latencyMs: 5 * n }))
  browsing.slos = [
    { name: 'browse up', metric: 'browse.availability', comparator: '>=', threshold: 0.7, unit: 'ratio' },
    {
      name: 'browse p99',
      metric: 'browse.latency.p99',
      comparator: '<=',
      threshold: 10,
      unit: 'ms',
      phase: 'quiesce',
    },
  ]

  // The message queue read through a slow then cut broker link: one backlog drained, one overtaken.
  const queued = aRunRecord()
  const slow = {
    target: 'broker',
    kind: 'toxic:latency',
    params: { latency: 500 },
    fromMs: 2_000,
    toMs: 4_000,
  }
  const cut = { target: 'broker', kind: 'link:down', params: {}, fromMs: 4_000, toMs: 6_000 }
  queued.phases[0]!.faults = [slow, cut]
  queued.faultsInjected = [slow, cut]
  queued.queue = {
    samples: [0, 2_000, 4_000, 6_000, 7_000, 8_000].map((atMs, i) => {
      const outboxPending = [0, 3, 9, 12, 4, 0][i]!
      const brokerPending = i === 3 ? null : 0
      return { atMs, outboxPending, brokerPending, backlog: outboxPending }
    }),
    consumed: 3,
  }
  queued.slos = [{ name: 'drains', metric: 'queue.drain.ms', comparator: '<=', threshold: 3_000, unit: 'ms' }]

  // The load driver's figures, an SLO on one operation, and a client that paid twice under a fresh key.
  const loaded = aFreshKeyDoubleCharge().record
  loaded.load = aLoad({ dropped: 3, historyFile: 'history.ndjson' })
  loaded.slos = [
    { name: 'view p99', metric: 'latency.view.p99', comparator: '<=', threshold: 50, unit: 'ms' },
    {
      name: 'refund p50',
      metric: 'latency.refund.p50',
      comparator: '<=',
      threshold: 50,
      unit: 'ms',
      phase: 'steady',
    },
  ]

  const empty = aRunRecord([])
  const interrupted = { ...aRunRecord(), interrupted: true, durationMs: 4_321.5 }

  return {
    correct: analyze(correct),
    defective: analyze(defective),
    blind: analyze(blind),
    browsing: analyze(browsing),
    queued: analyze(queued),
    loaded: analyze(loaded),
    empty: analyze(empty),
    interrupted: analyze(interrupted),
  }
}
