import type { Finding } from '../report.js'
import type { ClientAttempt } from '../types.js'
import type { CheckResult } from './check-result.js'
import { keysOf, type Evidence } from './evidence.js'
import { timelineFor } from './timeline.js'

/** Statuses an acknowledged order may end in: paid, or paid and refunded since. */
const KEPT_STATUSES: ReadonlySet<string> = new Set(['paid', 'refunded'])

/**
 * Checkouts the client saw succeed whose order the platform does not have, or did not end paid
 * (a refunded order was paid first, so it is not lost). The order is the one the client was told,
 * whichever of the checkout's keys (its own or a fresh one) it was made under.
 */
export function findLostOrders(attempts: readonly ClientAttempt[], evidence: Evidence): CheckResult {
  const findings: Finding[] = []
  for (const attempt of attempts) {
    if (attempt.outcome.type !== 'ok') continue
    const { orderId } = attempt.outcome
    const order = evidence.ordersById.get(orderId)
    if (order !== undefined && KEPT_STATUSES.has(order.status)) continue
    findings.push({
      check: 'lostOrders',
      orderId,
      idempotencyKey: attempt.idempotencyKey,
      detail:
        order === undefined
          ? `checkout ${attempt.idempotencyKey} was acknowledged as order ${orderId}, which the platform does not have`
          : `checkout ${attempt.idempotencyKey} was acknowledged as order ${orderId}, which ended ${order.status}`,
      timeline: timelineFor(evidence, { orderIds: [orderId], keys: keysOf(attempt) }),
    })
  }
  return { count: findings.length, findings }
}
