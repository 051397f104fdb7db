import { refundTypes } from './avatax-enums.js'
import { invalid, optionalString, outOfRange, required, type ModelFault } from './model-fault.js'
import type { TaxLine, TaxTransaction } from './tax-records.js'
import type { TransactionDraft } from './build-transaction.js'

/** A refund as AvaTax's RefundTransaction makes it: a committed `ReturnInvoice` draft. */
export type RefundResult = { ok: true; draft: TransactionDraft } | ModelFault

const roundHalfUp = (value: number): number => (value < 0 ? -Math.round(-value) : Math.round(value))

/** A line of the original, refunded: negative amounts, and the tax the sale charged, not a new one. */
function refundLine(line: TaxLine, kind: 'Full' | 'TaxOnly' | 'Percentage', percent: number): TaxLine {
  const part = (minor: number): number =>
    -(kind === 'Percentage' ? roundHalfUp((minor * percent) / 100) : minor)
  const details = line.details.map((d) => ({ jurisdiction: d.jurisdiction, taxMinor: part(d.taxMinor) }))
  return {
    ...line,
    amountMinor: kind === 'TaxOnly' ? 0 : part(line.amountMinor),
    details,
    taxMinor: details.reduce((sum, d) => sum + d.taxMinor, 0),
  }
}

/**
 * Builds the `ReturnInvoice` that refunds a committed sale (RefundTransactionModel):
 * `Full` every line; `Partial` the lines named in `refundLines`; `TaxOnly` the tax alone (amounts
 * 0); `Percentage` `refundPercentage` % of every amount and tax (half up per jurisdiction). Tax is
 * the original's, whatever the rates are now, as AvaTax guarantees.
 */
export function buildRefund(
  original: TaxTransaction,
  body: Record<string, unknown>,
  nowMs: number,
): RefundResult {
  const code = optionalString(body.refundTransactionCode, 'refundTransactionCode')
  if (!code.ok) return code
  if (code.value !== undefined && code.value.length > 50)
    return outOfRange('refundTransactionCode', 'at most 50 characters')
  const reference = optionalString(body.referenceCode, 'referenceCode')
  if (!reference.ok) return reference
  if (body.refundDate === undefined || body.refundDate === null) return required('refundDate')
  const date = typeof body.refundDate === 'string' ? body.refundDate.slice(0, 10) : ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return invalid('refundDate', 'a date (YYYY-MM-DD)')
  const kind =
    body.refundType === undefined || body.refundType === null ? 'Full' : refundTypes.parse(body.refundType)
  if (kind === undefined) return invalid('refundType', `one of ${refundTypes.names.join(', ')}`)
  const percentage = body.refundPercentage
  const hasPercentage = percentage !== undefined && percentage !== null
  if (kind === 'TaxOnly' && hasPercentage)
    return invalid('refundPercentage', 'absent for a TaxOnly refund (it refunds all the tax)')
  if (kind === 'Percentage' && !hasPercentage) return required('refundPercentage')
  if (hasPercentage && (typeof percentage !== 'number' || !Number.isFinite(percentage)))
    return invalid('refundPercentage', 'a number')
  if (hasPercentage && ((percentage as number) <= 0 || (percentage as number) > 100))
    return outOfRange('refundPercentage', 'above 0 and at most 100')
  let lines: TaxLine[]
  if (kind === 'Partial') {
    const wanted = body.refundLines
    if (wanted === undefined || wanted === null || (Array.isArray(wanted) && wanted.length === 0))
      return required('refundLines')
    if (!Array.isArray(wanted) || !wanted.every((n) => typeof n === 'string' || typeof n === 'number'))
      return invalid('refundLines', 'a list of line numbers')
    const numbers = new Set(wanted.map(String))
    const unknown = [...numbers].find((n) => !original.lines.some((line) => line.lineNumber === n))
    if (unknown !== undefined)
      return invalid('refundLines', `line numbers of the original (no line '${unknown}')`)
    lines = original.lines
      .filter((line) => numbers.has(line.lineNumber))
      .map((line) => refundLine(line, hasPercentage ? 'Percentage' : 'Full', (percentage as number) ?? 100))
  } else lines = original.lines.map((line) => refundLine(line, kind, (percentage as number) ?? 100))
  const total = lines.reduce((s, l) => s + l.amountMinor, 0)
  const exempt = lines.filter((l) => l.exempt).reduce((s, l) => s + l.amountMinor, 0)
  return {
    ok: true,
    draft: {
      code: code.value === '' ? undefined : code.value,
      companyCode: original.companyCode,
      type: 'ReturnInvoice',
      status: 'Committed',
      date,
      customerCode: original.customerCode,
      currencyCode: original.currencyCode,
      shipTo: original.shipTo,
      lines,
      totalAmountMinor: total,
      totalTaxMinor: lines.reduce((s, l) => s + l.taxMinor, 0),
      totalTaxableMinor: kind === 'TaxOnly' ? 0 : total - exempt,
      totalExemptMinor: exempt,
      adjustmentReason: null,
      referenceCode: reference.value ?? original.code,
      modifiedDate: new Date(nowMs).toISOString(),
    },
  }
}
