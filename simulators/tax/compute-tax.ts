import { decimalToMinor } from '../core/money-decimal.js'
import { jurisdictionsFor } from './jurisdictions.js'
import { invalid, optionalString, outOfRange, required, type ModelFault } from './model-fault.js'
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
export type ComputeResult = { ok: true; lines: TaxLine[] } | ModelFault

/** Lines one document may hold. */
export const maxLines = 1000

/**
 * Computes tax per line and jurisdiction in minor units: `round(amount × rate)` half up per
 * jurisdiction; `taxCode: 'NT'` is exempt. Amounts are converted from decimals here, once.
 */
export function computeTax(
  lines: unknown,
  shipTo: { country?: string; region?: string },
  currency: string,
): ComputeResult {
  if (lines === undefined || lines === null) return required('lines')
  if (!Array.isArray(lines)) return invalid('lines', 'a list of lines')
  if (lines.length === 0) return required('lines')
  if (lines.length > maxLines) return outOfRange('lines', `1 to ${maxLines} lines`)
  const jurisdictions = jurisdictionsFor(shipTo)
  const out: TaxLine[] = []
  for (const [index, raw] of (lines as LineInput[]).entries()) {
    const at = `lines[${index}]`
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid(at, 'an object')
    if (raw.amount === undefined || raw.amount === null) return required(`${at}.amount`)
    const amountMinor = decimalToMinor(raw.amount, currency)
    if (amountMinor === undefined) return invalid(`${at}.amount`, 'a decimal number')
    if (Math.abs(amountMinor) > 1e11) return outOfRange(`${at}.amount`, 'at most 1,000,000,000 in size')
    const quantity = raw.quantity === undefined || raw.quantity === null ? 1 : raw.quantity
    if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0)
      return invalid(`${at}.quantity`, 'a non-negative number')
    for (const key of ['taxCode', 'itemCode', 'description'] as const) {
      const checked = optionalString(raw[key], `${at}.${key}`)
      if (!checked.ok) return checked
    }
    if (
      raw.number !== undefined &&
      raw.number !== null &&
      typeof raw.number !== 'string' &&
      typeof raw.number !== 'number'
    )
      return invalid(`${at}.number`, 'a string')
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
