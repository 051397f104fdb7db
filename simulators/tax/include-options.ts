/** Which nested parts a TransactionModel answer carries (AvaTax's `$include`). */
export interface IncludeOptions {
  lines: boolean
  details: boolean
  summary: boolean
  addresses: boolean
}

/** Everything: what AvaTax answers a single transaction with when `$include` is absent. */
export const includeAll: IncludeOptions = Object.freeze({
  lines: true,
  details: true,
  summary: true,
  addresses: true,
})

/** The header alone: what a list answers with when `$include` is absent. */
export const includeNone: IncludeOptions = Object.freeze({
  lines: false,
  details: false,
  summary: false,
  addresses: false,
})

/**
 * Reads `$include` (comma-separated, any case): `Lines`, `Details` (implies lines), `Summary`
 * (implies details), `Addresses`, `SummaryOnly` (summary without lines), `LinesOnly` (lines without
 * details). Other words (`ForceTimeout`, `TaxDetailsByTaxType`, …) are ignored.
 * @example parseInclude('Lines,Addresses', includeAll) // lines and addresses, no details or summary
 */
export function parseInclude(value: string | null, absent: IncludeOptions): IncludeOptions {
  if (value === null || value.trim() === '') return absent
  const words = new Set(value.split(',').map((word) => word.trim().toLowerCase()))
  const summaryOnly = words.has('summaryonly')
  const linesOnly = words.has('linesonly')
  const summary = summaryOnly || words.has('summary')
  const details = !summaryOnly && !linesOnly && (summary || words.has('details'))
  const lines = !summaryOnly && (linesOnly || details || words.has('lines'))
  return { lines, details, summary, addresses: words.has('addresses') }
}
