import type { Finding } from '../report.js'

/** What one integrity check found: how many defects, and a finding with its witness for each. */
export interface CheckResult {
  count: number
  findings: Finding[]
}

/** Order statuses in which an order's life has ended. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'paid',
  'failed',
  'refunded',
  'canceled',
  'cancelled',
])

/** Formats an amount for a finding's detail: `1200 usd`. */
export function money(amountMinor: number, currency: string): string {
  return `${amountMinor} ${currency.toLowerCase()}`
}
