import type { ClientAttempt } from '../types.js'
import { keysOf, type Evidence } from './evidence.js'

/**
 * Informational: checkouts that ended indeterminate for the client (`info`) whose checkout key
 * (or a fresh key its app retried under) has a paid order — the system finished them after all.
 * Never a defect.
 */
export function countRecovered(attempts: readonly ClientAttempt[], evidence: Evidence): number {
  return attempts.filter(
    (attempt) =>
      attempt.outcome.type === 'info' &&
      keysOf(attempt).some((key) =>
        (evidence.ordersByKey.get(key) ?? []).some((order) => order.status === 'paid'),
      ),
  ).length
}
