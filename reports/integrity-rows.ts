import { CHECK_ORDER } from './integrity/check-order.js'
import type { Integrity, IntegrityCheck, Report } from './report.js'

/** One integrity check as the renderers show it. */
export interface IntegrityRow {
  check: IntegrityCheck
  label: string
  status: 'pass' | 'fail' | 'skipped' | 'info'
  /** The count, the per-currency balances, or why the check was skipped. */
  summary: string
}

/** Human names of the checks. */
export const CHECK_LABELS: Readonly<Record<IntegrityCheck, string>> = {
  duplicateCharges: 'duplicate charges',
  lostOrders: 'lost orders',
  chargesWithoutOrder: 'charges without order',
  paidWithoutCapture: 'paid without capture',
  amountMismatches: 'amount mismatches',
  refundsExceedingCaptures: 'refunds exceeding captures',
  oversell: 'oversell',
  moneyConservation: 'money conservation',
  stateMismatches: 'state mismatches',
  lostEvents: 'lost events',
  webhooksProcessedTwice: 'webhooks processed twice',
  unresolved: 'unresolved orders',
  recovered: 'recovered (informational)',
  heldForReview: 'held for review (informational)',
  clientCausedDuplicates: 'client-caused duplicates (informational)',
}

/**
 * Every integrity check of the report, in order: its status and a one-line summary.
 * `clientCausedDuplicates` is left out unless it counted one.
 * @example integrityRows(report).filter((row) => row.status === 'fail')
 */
export function integrityRows(report: Pick<Report, 'integrity'>): IntegrityRow[] {
  const { integrity } = report
  const skipped = new Map((integrity.skipped ?? []).map((entry) => [entry.check, entry.reason]))
  // Most runs have no client that retries with a fresh key: that row is shown only when it counted one.
  const shown = CHECK_ORDER.filter(
    (check) => check !== 'clientCausedDuplicates' || (integrity.clientCausedDuplicates ?? 0) > 0,
  )
  return shown.map((check): IntegrityRow => {
    const label = CHECK_LABELS[check]
    const reason = skipped.get(check)
    if (reason !== undefined) return { check, label, status: 'skipped', summary: reason }
    if (check === 'moneyConservation') return moneyRow(integrity, label)
    const count = integrity[check]
    if (count === undefined) return { check, label, status: 'skipped', summary: 'not reported' }
    if (check === 'recovered' || check === 'heldForReview' || check === 'clientCausedDuplicates') {
      return { check, label, status: 'info', summary: String(count) }
    }
    return { check, label, status: count === 0 ? 'pass' : 'fail', summary: String(count) }
  })
}

function moneyRow(integrity: Integrity, label: string): IntegrityRow {
  const balances = integrity.moneyConservation
  if (balances === undefined) {
    return { check: 'moneyConservation', label, status: 'skipped', summary: 'not reported' }
  }
  const parts = Object.entries(balances).map(
    ([currency, b]) =>
      `${currency}: captured ${b.captured} − refunded ${b.refunded} ${b.balanced ? '=' : '≠'} paid orders ${b.paidOrders}`,
  )
  const balanced = Object.values(balances).every((b) => b.balanced)
  return {
    check: 'moneyConservation',
    label,
    status: balanced ? 'pass' : 'fail',
    summary: parts.length > 0 ? parts.join('; ') : 'no money moved',
  }
}
