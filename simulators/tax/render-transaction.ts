import { minorToDecimal } from '../core/money-decimal.js'
import type { TaxTransaction } from './tax-records.js'

/** Renders a transaction as AvaTax's TransactionModel: decimals on the wire, minor units inside. */
export function renderTransaction(t: TaxTransaction): Record<string, unknown> {
  const d = (minor: number): number => minorToDecimal(minor, t.currencyCode)
  const summary = new Map<
    string,
    { jurisName: string; jurisType: string; rate: number; tax: number; taxable: number }
  >()
  for (const line of t.lines)
    for (const detail of line.details) {
      const entry = summary.get(detail.jurisdiction.name) ?? {
        jurisName: detail.jurisdiction.name,
        jurisType: detail.jurisdiction.type,
        rate: detail.jurisdiction.rateBps / 10_000,
        tax: 0,
        taxable: 0,
      }
      entry.tax += detail.taxMinor
      entry.taxable += line.amountMinor
      summary.set(detail.jurisdiction.name, entry)
    }
  return {
    id: t.id,
    code: t.code,
    companyId: 1,
    date: t.date,
    status: t.status,
    type: t.type,
    currencyCode: t.currencyCode,
    customerCode: t.customerCode,
    version: t.version,
    adjustmentReason: t.adjustmentReason ?? 'NotAdjusted',
    modifiedDate: t.modifiedDate,
    totalAmount: d(t.totalAmountMinor),
    totalExempt: d(t.totalExemptMinor),
    totalTaxable: d(t.totalTaxableMinor),
    totalTax: d(t.totalTaxMinor),
    totalTaxCalculated: d(t.totalTaxMinor),
    addresses: [{ boundaryLevel: 'Zip5', ...t.shipTo }],
    lines: t.lines.map((line) => ({
      lineNumber: line.lineNumber,
      quantity: line.quantity,
      lineAmount: d(line.amountMinor),
      itemCode: line.itemCode,
      description: line.description,
      taxCode: line.taxCode,
      isItemTaxable: !line.exempt,
      exemptAmount: line.exempt ? d(line.amountMinor) : 0,
      taxableAmount: line.exempt ? 0 : d(line.amountMinor),
      tax: d(line.taxMinor),
      taxCalculated: d(line.taxMinor),
      details: line.details.map((detail) => ({
        jurisName: detail.jurisdiction.name,
        jurisType: detail.jurisdiction.type,
        rate: detail.jurisdiction.rateBps / 10_000,
        tax: d(detail.taxMinor),
        taxCalculated: d(detail.taxMinor),
        taxableAmount: d(line.amountMinor),
      })),
    })),
    summary: [...summary.values()].map((s) => ({
      ...s,
      tax: d(s.tax),
      taxable: d(s.taxable),
      taxCalculated: d(s.tax),
    })),
  }
}
