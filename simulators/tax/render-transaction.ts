import { minorToDecimal } from '../core/money-decimal.js'
import { includeAll, type IncludeOptions } from './include-options.js'
import type { TaxTransaction } from './tax-records.js'

interface SummaryRow {
  jurisName: string
  jurisType: string
  rate: number
  tax: number
  taxable: number
}

/** Tax and taxable amount per jurisdiction over all lines, in minor units. */
function summarise(t: TaxTransaction): SummaryRow[] {
  const summary = new Map<string, SummaryRow>()
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
  return [...summary.values()]
}

/**
 * Renders a transaction as AvaTax's TransactionModel: decimals on the wire, minor units inside;
 * `include` picks the nested parts (`$include`), everything by default.
 */
export function renderTransaction(
  t: TaxTransaction,
  include: IncludeOptions = includeAll,
): Record<string, unknown> {
  const d = (minor: number): number => minorToDecimal(minor, t.currencyCode)
  return {
    id: t.id,
    code: t.code,
    companyId: 1,
    date: t.date,
    taxDate: t.date,
    status: t.status,
    type: t.type,
    currencyCode: t.currencyCode,
    customerCode: t.customerCode,
    referenceCode: t.referenceCode,
    version: t.version,
    adjustmentReason: t.adjustmentReason ?? 'NotAdjusted',
    locked: false,
    modifiedDate: t.modifiedDate,
    totalAmount: d(t.totalAmountMinor),
    totalExempt: d(t.totalExemptMinor),
    totalTaxable: d(t.totalTaxableMinor),
    totalTax: d(t.totalTaxMinor),
    totalTaxCalculated: d(t.totalTaxMinor),
    ...(include.lines
      ? {
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
            ...(include.details
              ? {
                  details: line.details.map((detail) => ({
                    jurisName: detail.jurisdiction.name,
                    jurisType: detail.jurisdiction.type,
                    rate: detail.jurisdiction.rateBps / 10_000,
                    tax: d(detail.taxMinor),
                    taxCalculated: d(detail.taxMinor),
                    taxableAmount: d(line.amountMinor),
                  })),
                }
              : {}),
          })),
        }
      : {}),
    ...(include.addresses ? { addresses: [{ boundaryLevel: 'Zip5', ...t.shipTo }] } : {}),
    ...(include.summary
      ? {
          summary: summarise(t).map((s) => ({
            ...s,
            tax: d(s.tax),
            taxable: d(s.taxable),
            taxCalculated: d(s.tax),
          })),
        }
      : {}),
  }
}
