import type { Finding } from '../report.js'
import type { LedgerEntry } from '../types.js'
import { money, type CheckResult } from './check-result.js'
import type { Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/**
 * Informational: checkouts charged under more than one of their keys because the shopper's app
 * retried them with a fresh Idempotency-Key (`ClientAttempt.freshKeys`). To the platform each key
 * is a new checkout with its own order, so it could not have known: the charges under every key
 * after the first charged one are the client's duplicates, never the platform's. Several captures
 * under one key are still `duplicateCharges` (the platform's), and are not counted here.
 * Counts the extra keys charged.
 */
export function findClientCausedDuplicates(evidence: Evidence): CheckResult {
  // Each checkout's first capture under each of its keys, in time order (captures are sorted).
  const chargedKeys = new Map<string, Map<string, LedgerEntry>>()
  for (const capture of evidence.captures) {
    const key = capture.metadata.checkout_key
    const journey = key ? evidence.journeyKeyOf.get(key) : undefined
    if (key === undefined || journey === undefined) continue
    const byKey = chargedKeys.get(journey) ?? new Map<string, LedgerEntry>()
    if (!byKey.has(key)) byKey.set(key, capture)
    chargedKeys.set(journey, byKey)
  }
  const findings: Finding[] = []
  for (const [journey, byKey] of chargedKeys) {
    const [[firstKey, first] = [], ...extras] = byKey
    if (firstKey === undefined || first === undefined) continue
    for (const [key, capture] of extras) {
      const orderId = capture.metadata.order_id
      const refunded = (evidence.ledgerByPaymentIntent.get(capture.paymentIntentId) ?? [])
        .filter((entry) => entry.type === 'refund')
        .reduce((sum, entry) => sum + entry.amount, 0)
      findings.push({
        check: 'clientCausedDuplicates',
        ...(orderId ? { orderId } : {}),
        idempotencyKey: key,
        detail:
          `capture ${capture.id} of ${capture.paymentIntentId} (${money(capture.amount, capture.currency)}) ` +
          `under key ${key} charged checkout ${journey} again, after capture ${first.id} of ` +
          `${first.paymentIntentId} under key ${firstKey}: the client retried the checkout with a fresh ` +
          'Idempotency-Key, so the platform saw a new checkout (a client-caused duplicate, not the platform’s)' +
          (refunded > 0 ? `; ${refunded} refunded on ${capture.paymentIntentId} since` : ''),
        timeline: timelineFor(evidence, {
          orderIds: [orderId, first.metadata.order_id],
          keys: [key, firstKey],
          paymentIntentIds: [capture.paymentIntentId, first.paymentIntentId],
        }),
      })
    }
  }
  return { count: findings.length, findings }
}
