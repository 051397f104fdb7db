import type { DocumentType, TaxLedgerEntry, TaxTransaction } from './tax-records.js'

/** Saved transactions by company, code and document type, and the ledger of every saved change. */
export class TaxState {
  /** In order of first creation, as a list without `$orderBy` answers them. */
  readonly transactions = new Map<string, TaxTransaction>()
  readonly ledger: TaxLedgerEntry[] = []

  /** AvaTax matches company codes in any case and document codes exactly. */
  key(companyCode: string, code: string, type: DocumentType): string {
    return `${companyCode.toUpperCase()}\u0000${code}\u0000${type}`
  }

  get(companyCode: string, code: string, type: DocumentType): TaxTransaction | undefined {
    return this.transactions.get(this.key(companyCode, code, type))
  }

  save(t: TaxTransaction): void {
    this.transactions.set(this.key(t.companyCode, t.code, t.type), t)
  }

  record(type: TaxLedgerEntry['type'], t: TaxTransaction, nowMs: number): void {
    this.ledger.push({
      id: `txl_${this.ledger.length + 1}`,
      type,
      companyCode: t.companyCode,
      code: t.code,
      documentType: t.type,
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
  }
}
