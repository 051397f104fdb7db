import type { Finding } from '../report.js'
import { money, type CheckResult } from './check-result.js'
import { groupBy, refundedOn, type Evidence } from './evidence.js'
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
  // A capture's checkout: the attempt sent under its key, whether its own key or a fresh one.
  const journeyOf = (key: string | undefined) =>
    key ? evidence.attemptsByKey.get(key)?.[0]?.idempotencyKey : undefined
  const findings: Finding[] = []
  for (const [journey, captures] of groupBy(evidence.captures, (c) => journeyOf(c.metadata.checkout_key))) {
    // The first capture under each of the checkout's keys, in time order (captures are sorted).
    const [first, ...extras] = [...groupBy(captures, (c) => c.metadata.checkout_key).values()].map(
      ([capture]) => capture!,
    )
    if (first === undefined) continue
    const firstKey = first.metadata.checkout_key
    for (const capture of extras) {
      const key = capture.metadata.checkout_key
      const orderId = capture.metadata.order_id
      const refunded = refundedOn(evidence, capture.paymentIntentId)
      findings.push({
        check: 'clientCausedDuplicates',
        ...(orderId ? { orderId } : {}),
        ...(key ? { idempotencyKey: key } : {}),
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
