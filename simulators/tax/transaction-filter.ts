import { minorToDecimal } from '../core/money-decimal.js'
import type { TaxTransaction } from './tax-records.js'

type Value = string | number | boolean | null
type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'
interface Clause {
  field: string
  op: Op
  value: Value
}

/** A `$filter` read into a predicate, the fields it names, or why it could not be read. */
export type ParsedFilter =
  | { ok: true; test: (t: TaxTransaction) => boolean; fields: ReadonlySet<string> }
  | { ok: false; message: string }

/** The fields a filter may test, as the TransactionModel names them (any case). */
const fields: Record<string, (t: TaxTransaction) => Value> = {
  id: (t) => t.id,
  code: (t) => t.code,
  date: (t) => t.date,
  taxdate: (t) => t.date,
  status: (t) => t.status,
  type: (t) => t.type,
  customercode: (t) => t.customerCode,
  currencycode: (t) => t.currencyCode,
  referencecode: (t) => t.referenceCode,
  version: (t) => t.version,
  adjustmentreason: (t) => t.adjustmentReason ?? 'NotAdjusted',
  modifieddate: (t) => t.modifiedDate,
  totalamount: (t) => minorToDecimal(t.totalAmountMinor, t.currencyCode),
  totaltax: (t) => minorToDecimal(t.totalTaxMinor, t.currencyCode),
  totaltaxable: (t) => minorToDecimal(t.totalTaxableMinor, t.currencyCode),
  totalexempt: (t) => minorToDecimal(t.totalExemptMinor, t.currencyCode),
}

const ops = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])

/** Splits a filter into words, keeping `'quoted strings'` (with `''` for a quote) whole. */
function tokenize(text: string): string[] | undefined {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const char = text[i] ?? ''
    if (/\s/.test(char)) i += 1
    else if (char === "'") {
      let j = i + 1
      let value = ''
      for (;;) {
        if (j >= text.length) return undefined
        if (text[j] === "'" && text[j + 1] === "'") {
          value += "'"
          j += 2
        } else if (text[j] === "'") break
        else {
          value += text[j] ?? ''
          j += 1
        }
      }
      tokens.push(`'${value}`)
      i = j + 1
    } else {
      let j = i
      while (j < text.length && !/\s/.test(text[j] ?? '')) j += 1
      tokens.push(text.slice(i, j))
      i = j
    }
  }
  return tokens
}

function literal(token: string): Value | undefined {
  if (token.startsWith("'")) return token.slice(1)
  const lower = token.toLowerCase()
  if (lower === 'null') return null
  if (lower === 'true' || lower === 'false') return lower === 'true'
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token)
  // Unquoted dates and date-times, as AvaTax's examples write them.
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(token)) return token
  return undefined
}

function compare(actual: Value, op: Op, wanted: Value, field: string): boolean {
  if (wanted === null || actual === null)
    return op === 'eq' ? actual === wanted : op === 'ne' ? actual !== wanted : false
  let a: string | number | boolean = actual
  let b: string | number | boolean = wanted
  if (typeof a === 'string' && typeof b === 'string') {
    a = a.toLowerCase()
    b = b.toLowerCase()
    // A date compares by its calendar day, whatever time the filter wrote.
    if (field === 'date' || field === 'taxdate') b = b.slice(0, 10)
  } else if (typeof a === 'number' && typeof b === 'string') b = Number(b)
  switch (op) {
    case 'eq':
      return a === b
    case 'ne':
      return a !== b
    case 'gt':
      return a > b
    case 'ge':
      return a >= b
    case 'lt':
      return a < b
    case 'le':
      return a <= b
  }
}

/**
 * Reads the common subset of AvaTax's `$filter`: `field op value` clauses (`eq ne gt ge lt le`)
 * joined by `and` / `or` (`and` binds tighter), string values in single quotes, numbers, dates.
 * Parentheses, functions and `in` are not read.
 * @example parseFilter("status eq 'Committed' and date ge '2026-11-01'")
 */
export function parseFilter(text: string): ParsedFilter {
  if (text.includes('(') || text.includes(')'))
    return { ok: false, message: 'Error parsing $filter: parentheses and functions are not supported here.' }
  const tokens = tokenize(text)
  if (!tokens) return { ok: false, message: 'Error parsing $filter: a quoted value is not closed.' }
  const groups: Clause[][] = [[]]
  const named = new Set<string>()
  for (let i = 0; i < tokens.length; i += 4) {
    const [field = '', op = '', value = '', joiner] = tokens.slice(i, i + 4)
    const key = field.toLowerCase()
    if (!(key in fields))
      return { ok: false, message: `Error parsing $filter: '${field}' is not a filterable field.` }
    if (!ops.has(op.toLowerCase()))
      return {
        ok: false,
        message: `Error parsing $filter: '${op}' is not an operator (eq, ne, gt, ge, lt, le).`,
      }
    const parsed = literal(value)
    if (parsed === undefined)
      return { ok: false, message: `Error parsing $filter: '${value}' is not a value.` }
    named.add(key)
    groups[groups.length - 1]?.push({ field: key, op: op.toLowerCase() as Op, value: parsed })
    if (joiner === undefined) break
    const conjunction = joiner.toLowerCase()
    if (conjunction !== 'and' && conjunction !== 'or')
      return { ok: false, message: `Error parsing $filter: expected 'and' or 'or', got '${joiner}'.` }
    if (i + 4 >= tokens.length)
      return { ok: false, message: 'Error parsing $filter: a trailing conjunction.' }
    if (conjunction === 'or') groups.push([])
  }
  const test = (t: TaxTransaction): boolean =>
    groups.some((group) =>
      group.every((clause) =>
        compare(fields[clause.field]?.(t) ?? null, clause.op, clause.value, clause.field),
      ),
    )
  return { ok: true, test, fields: named }
}
