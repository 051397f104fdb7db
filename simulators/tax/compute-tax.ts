import { decimalToMinor } from '../core/money-decimal.js'
import { jurisdictionsFor } from './jurisdictions.js'
import type { TaxLine } from './tax-records.js'

/** A line as posted (decimals, AvaTax field names). */
export interface LineInput {
  number?: unknown
  quantity?: unknown
  amount?: unknown
  taxCode?: unknown
  itemCode?: unknown
  description?: unknown
}

/** The outcome of computing: lines in minor units, or the field at fault. */
export type ComputeResult = { ok: true; lines: TaxLine[] } | { ok: false; field: string; message: string }

/**
 * Computes tax per line and jurisdiction in minor units: `round(amount × rate)` half up per
 * jurisdiction; `taxCode: 'NT'` is exempt. Amounts are converted from decimals here, once.
 */
export function computeTax(
  lines: unknown,
  shipTo: { country?: string; region?: string },
  currency: string,
): ComputeResult {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 1000)
    return { ok: false, field: 'lines', message: 'lines must hold 1 to 1000 lines' }
  const jurisdictions = jurisdictionsFor(shipTo)
  const out: TaxLine[] = []
  for (const [index, raw] of (lines as LineInput[]).entries()) {
    if (typeof raw !== 'object' || raw === null)
      return { ok: false, field: `lines[${index}]`, message: 'a line must be an object' }
    const amountMinor = decimalToMinor(raw.amount, currency)
    if (amountMinor === undefined || Math.abs(amountMinor) > 1e11)
      return { ok: false, field: `lines[${index}].amount`, message: 'amount must be a decimal number' }
    const quantity = raw.quantity === undefined ? 1 : Number(raw.quantity)
    if (!Number.isFinite(quantity) || quantity < 0)
      return {
        ok: false,
        field: `lines[${index}].quantity`,
        message: 'quantity must be a non-negative number',
      }
    const taxCode = typeof raw.taxCode === 'string' ? raw.taxCode : 'P0000000'
    const exempt = taxCode.toUpperCase() === 'NT'
    const details = exempt
      ? []
      : jurisdictions.map((jurisdiction) => ({
          jurisdiction,
          taxMinor: roundHalfUp((amountMinor * jurisdiction.rateBps) / 10_000),
        }))
    out.push({
      lineNumber:
        typeof raw.number === 'string' || typeof raw.number === 'number'
          ? String(raw.number)
          : String(index + 1),
      quantity,
      amountMinor,
      taxCode,
      itemCode: typeof raw.itemCode === 'string' ? raw.itemCode : null,
      description: typeof raw.description === 'string' ? raw.description : null,
      exempt,
      taxMinor: details.reduce((sum, d) => sum + d.taxMinor, 0),
      details,
    })
  }
  return { ok: true, lines: out }
}

function roundHalfUp(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value)
}
