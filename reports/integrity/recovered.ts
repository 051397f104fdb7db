import type { ClientAttempt } from '../types.js'
import type { Evidence } from './evidence.js'

/**
 * Informational: checkouts that ended indeterminate for the client (`info`) whose checkout key
 * has a paid order — the system finished them after all. Never a defect.
 */
export function countRecovered(attempts: readonly ClientAttempt[], evidence: Evidence): number {
  return attempts.filter(
    (attempt) =>
      attempt.outcome.type === 'info' &&
      (evidence.ordersByKey.get(attempt.idempotencyKey) ?? []).some((order) => order.status === 'paid'),
  ).length
}
