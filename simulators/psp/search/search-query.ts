/**
 * Stripe's search query language (docs.stripe.com/search), the subset the simulator serves:
 * clauses `field:value`, `field~"substr"`, `field>n` / `>=` / `<` / `<=` / `=`,
 * `metadata["key"]:"value"`, `-` negation, `null`, quoted strings with `\` escapes, joined by
 * spaces or `AND`, or by `OR` (never both: Stripe keeps them mutually exclusive). Pure: parsing
 * and field checks only; evaluation against records is in search-fields.ts.
 */

/** How a field matches (Stripe's field types). */
export type FieldKind =
  | 'numeric' // `:`/`=` exact, `>`, `>=`, `<`, `<=`
  | 'string' // exact (case-insensitive) or `~` substring
  | 'token' // exact only, case-sensitive
  | 'boolean' // `true` / `false`
  | 'metadata' // `metadata["key"]`: exact

export type Operator = ':' | '~' | '=' | '>' | '>=' | '<' | '<='

/** One clause as written. */
export interface Clause {
  negate: boolean
  field: string
  /** Set for `metadata["key"]`. */
  metadataKey?: string
  op: Operator
  /** A quoted string, a bare number or boolean (as text), or null for `null`. */
  value: string | null
  quoted: boolean
}

export interface ParsedQuery {
  join: 'and' | 'or'
  clauses: Clause[]
}

/** Why a query was refused: the message Stripe answers with. */
export interface QueryError {
  message: string
}

/** Stripe documents a limit of ten clauses per query. */
export const maxClauses = 10

/** What Stripe answers for a query it cannot read (wording from stripe-ruby-mock's live-checked spec). */
export const unparseable =
  'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.'

const ops: readonly Operator[] = ['>=', '<=', ':', '~', '=', '>', '<']

/**
 * Parses a query; the result says nothing yet about whether its fields exist.
 * @example parseQuery('status:"succeeded" AND amount>1000')
 * // { join: 'and', clauses: [{ field: 'status', op: ':', value: 'succeeded', … }, { field: 'amount', op: '>', value: '1000', … }] }
 */
export function parseQuery(text: string): ParsedQuery | QueryError {
  const clauses: Clause[] = []
  let join: 'and' | 'or' | undefined
  let i = 0
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++
  }
  for (;;) {
    skipSpace()
    if (i >= text.length) break
    const clause = readClause()
    if ('message' in clause) return clause
    clauses.push(clause)
    if (clauses.length > maxClauses) return { message: unparseable }
    const spaced = i < text.length && /\s/.test(text[i] ?? '')
    skipSpace()
    if (i >= text.length) break
    if (!spaced) return { message: unparseable }
    const word = /^(and|or)\s/i.exec(text.slice(i))
    const next: 'and' | 'or' = word ? ((word[1] ?? '').toLowerCase() as 'and' | 'or') : 'and'
    if (word) {
      i += (word[1] ?? '').length
      skipSpace()
      if (i >= text.length) return { message: unparseable }
    }
    if (join !== undefined && join !== next) return { message: unparseable }
    join = next
  }
  if (clauses.length === 0) return { message: unparseable }
  return { join: join ?? 'and', clauses }

  function readClause(): Clause | QueryError {
    const negate = text[i] === '-'
    if (negate) i++
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))?.[0]
    if (!name) return { message: unparseable }
    i += name.length
    let metadataKey: string | undefined
    if (name === 'metadata') {
      if (text[i] !== '[') return { message: unparseable }
      i++
      const key = readQuoted()
      if (key === undefined || text[i] !== ']') return { message: unparseable }
      i++
      metadataKey = key
    }
    const op = ops.find((o) => text.startsWith(o, i))
    if (!op) return { message: unparseable }
    i += op.length
    if (text[i] === '"' || text[i] === "'") {
      const value = readQuoted()
      if (value === undefined) return { message: unparseable }
      return {
        negate,
        field: name,
        ...(metadataKey !== undefined ? { metadataKey } : {}),
        op,
        value,
        quoted: true,
      }
    }
    const bare = /^[^\s"']+/.exec(text.slice(i))?.[0]
    if (!bare) return { message: unparseable }
    i += bare.length
    // Strings must be quoted; bare values are numbers, booleans or `null`.
    if (bare !== 'null' && bare !== 'true' && bare !== 'false' && !/^-?\d+(\.\d+)?$/.test(bare))
      return { message: unparseable }
    return {
      negate,
      field: name,
      ...(metadataKey !== undefined ? { metadataKey } : {}),
      op,
      value: bare === 'null' ? null : bare,
      quoted: false,
    }
  }

  function readQuoted(): string | undefined {
    const quote = text[i]
    if (quote !== '"' && quote !== "'") return undefined
    i++
    let out = ''
    while (i < text.length) {
      const c = text[i] ?? ''
      if (c === '\\' && i + 1 < text.length) {
        out += text[i + 1]
        i += 2
        continue
      }
      if (c === quote) {
        i++
        return out
      }
      out += c
      i++
    }
    return undefined
  }
}

/** The fields one resource can be searched by, and its name in Stripe's messages. */
export interface SearchSchema {
  /** `payment_intents`, `customers`, `charges`. */
  resource: string
  fields: ReadonlyMap<string, FieldKind>
}

/** Which operators each field type takes. */
const allowed: Readonly<Record<FieldKind, readonly Operator[]>> = {
  numeric: [':', '=', '>', '>=', '<', '<='],
  string: [':', '~'],
  token: [':'],
  boolean: [':'],
  metadata: [':'],
}

/**
 * Checks a parsed query against a resource's fields, as Stripe does before it searches.
 * Messages for an unknown field copy Stripe's; the others are the simulator's own, in its style.
 */
export function checkQuery(query: ParsedQuery, schema: SearchSchema): QueryError | undefined {
  for (const clause of query.clauses) {
    const kind = schema.fields.get(clause.field)
    if (!kind)
      return {
        message: `Field \`${clause.field}\` is an unsupported search field for resource \`${schema.resource}\`. See http://stripe.com/docs/search#query-fields-for-${schema.resource.replace(/_/g, '-')} for a list of supported fields.`,
      }
    if (!allowed[kind].includes(clause.op))
      return {
        message: `Field \`${clause.field}\` does not support the \`${clause.op}\` operator. See http://stripe.com/docs/search#search-query-language.`,
      }
    if (clause.value === null) continue
    if (kind === 'numeric' && !/^-?\d+(\.\d+)?$/.test(clause.value)) return { message: unparseable }
    if (kind === 'boolean' && clause.value !== 'true' && clause.value !== 'false')
      return { message: unparseable }
    if ((kind === 'string' || kind === 'token' || kind === 'metadata') && !clause.quoted)
      return { message: unparseable }
    if (clause.op === '~' && clause.value.length < 3)
      return {
        message: `Substring queries on \`${clause.field}\` need at least 3 characters (got ${clause.value.length}).`,
      }
  }
  return undefined
}
