import type { TaxLedgerEntry, TaxTransaction } from './tax-records.js'

/** Saved transactions by company and code, and the ledger of every saved change. */
export class TaxState {
  readonly transactions = new Map<string, TaxTransaction>()
  readonly ledger: TaxLedgerEntry[] = []
  nextId = 1

  key(companyCode: string, code: string): string {
    return `${companyCode.toUpperCase()}\u0000${code}`
  }

  record(type: TaxLedgerEntry['type'], t: TaxTransaction, nowMs: number): void {
    this.ledger.push({
      id: `txl_${this.ledger.length + 1}`,
      type,
      companyCode: t.companyCode,
      code: t.code,
      status: t.status,
      totalAmountMinor: t.totalAmountMinor,
      totalTaxMinor: t.totalTaxMinor,
      currency: t.currencyCode,
      createdAt: new Date(nowMs).toISOString(),
    })
  }

  reset(): void {
    this.transactions.clear()
    this.ledger.length = 0
    this.nextId = 1
  }
}
