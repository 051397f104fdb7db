import type { CurrencyBalance, Finding } from '../report.js'
import type { Evidence } from './evidence.js'

/** The per-currency balances, and a finding for each currency that does not balance. */
export interface MoneyConservationResult {
  balances: Record<string, CurrencyBalance>
  findings: Finding[]
}

/**
 * Per currency (lower-case ISO 4217): Σcaptured − Σrefunded must equal what the paid orders keep:
 * each `paid` order's total less the partial refunds the platform recorded on it (a `refunded`
 * order keeps nothing).
 * @example checkMoneyConservation(evidence).balances.usd // { captured: 2400, refunded: 0, paidOrders: 2400, balanced: true }
 */
export function checkMoneyConservation(evidence: Evidence): MoneyConservationResult {
  const totals = new Map<string, { captured: number; refunded: number; paidOrders: number }>()
  const totalsOf = (currency: string) => {
    const code = currency.toLowerCase()
    const existing = totals.get(code)
    if (existing !== undefined) return existing
    const fresh = { captured: 0, refunded: 0, paidOrders: 0 }
    totals.set(code, fresh)
    return fresh
  }
  for (const entry of evidence.ledger) {
    if (entry.type === 'capture') totalsOf(entry.currency).captured += entry.amount
    if (entry.type === 'refund') totalsOf(entry.currency).refunded += entry.amount
  }
  for (const order of evidence.orders) {
    // A fully refunded order keeps nothing; a paid one keeps its total less its partial refunds.
    if (order.status === 'paid') {
      totalsOf(order.currency).paidOrders += order.amountMinor - (order.refundedMinor ?? 0)
    }
  }
  const balances: Record<string, CurrencyBalance> = {}
  const findings: Finding[] = []
  for (const code of [...totals.keys()].sort()) {
    const { captured, refunded, paidOrders } = totals.get(code) ?? { captured: 0, refunded: 0, paidOrders: 0 }
    const balanced = captured - refunded === paidOrders
    balances[code] = { captured, refunded, paidOrders, balanced }
    if (!balanced) {
      const off = captured - refunded - paidOrders
      findings.push({
        check: 'moneyConservation',
        detail:
          `${code}: captured ${captured} − refunded ${refunded} = ${captured - refunded}, but paid orders ` +
          `total ${paidOrders} (${off > 0 ? 'over' : 'under'} by ${Math.abs(off)})`,
        timeline: [],
      })
    }
  }
  return { balances, findings }
}
