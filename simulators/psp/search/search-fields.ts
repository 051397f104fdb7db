import type { ChargeRecord, CustomerRecord, IntentRecord } from '../psp-records.js'
import type { Clause, FieldKind, ParsedQuery, SearchSchema } from './search-query.js'

/** A searchable field: its type and how to read it from a record (null = absent). */
interface Field<T> {
  kind: FieldKind
  read: (record: T) => string | number | boolean | null
}

/** A resource's searchable fields (docs.stripe.com/search, "Query fields for …"). */
export interface SearchTable<T> extends SearchSchema {
  read: ReadonlyMap<string, Field<T>>
  metadata: (record: T) => Record<string, string>
}

function table<T>(
  resource: string,
  fields: Record<string, Field<T>>,
  metadata: (record: T) => Record<string, string>,
): SearchTable<T> {
  const read = new Map(Object.entries(fields))
  const kinds = new Map<string, FieldKind>([...read].map(([name, f]) => [name, f.kind]))
  kinds.set('metadata', 'metadata')
  return { resource, fields: kinds, read, metadata }
}

/** PaymentIntents: amount, created, currency, customer, metadata, status. */
export const intentSearch = table<IntentRecord>(
  'payment_intents',
  {
    amount: { kind: 'numeric', read: (pi) => pi.amount },
    created: { kind: 'numeric', read: (pi) => pi.created },
    currency: { kind: 'token', read: (pi) => pi.currency },
    customer: { kind: 'token', read: (pi) => pi.customer },
    status: { kind: 'token', read: (pi) => pi.status },
  },
  (pi) => pi.metadata,
)

/** Customers: created, email, metadata, name, phone. */
export const customerSearch = table<CustomerRecord>(
  'customers',
  {
    created: { kind: 'numeric', read: (c) => c.created },
    email: { kind: 'string', read: (c) => c.email },
    name: { kind: 'string', read: (c) => c.name },
    phone: { kind: 'string', read: (c) => c.phone },
  },
  (c) => c.metadata,
)

/** Charges: amount, billing details, created, currency, customer, disputed, card details, refunded, status. */
export const chargeSearch = table<ChargeRecord>(
  'charges',
  {
    amount: { kind: 'numeric', read: (ch) => ch.amount },
    'billing_details.address.postal_code': { kind: 'string', read: () => null },
    created: { kind: 'numeric', read: (ch) => ch.created },
    currency: { kind: 'token', read: (ch) => ch.currency },
    customer: { kind: 'token', read: (ch) => ch.customer },
    disputed: { kind: 'boolean', read: (ch) => (ch as { disputed?: boolean }).disputed === true },
    'payment_method_details.card.last4': { kind: 'token', read: (ch) => ch.card.last4 },
    'payment_method_details.card.brand': { kind: 'token', read: (ch) => ch.card.brand },
    'payment_method_details.card.exp_month': { kind: 'numeric', read: () => 12 },
    'payment_method_details.card.exp_year': { kind: 'numeric', read: () => 2034 },
    refunded: {
      kind: 'boolean',
      read: (ch) => ch.amountRefunded > 0 && ch.amountRefunded === ch.amountCaptured,
    },
    status: { kind: 'token', read: (ch) => ch.status },
  },
  (ch) => ch.metadata,
)

/** A checked query as a test on records. */
export function matcher<T>(query: ParsedQuery, search: SearchTable<T>): (record: T) => boolean {
  const tests = query.clauses.map((clause) => clauseTest(clause, search))
  return query.join === 'or'
    ? (record) => tests.some((t) => t(record))
    : (record) => tests.every((t) => t(record))
}

function clauseTest<T>(clause: Clause, search: SearchTable<T>): (record: T) => boolean {
  const positive = positiveTest(clause, search)
  return clause.negate ? (record) => !positive(record) : positive
}

function positiveTest<T>(clause: Clause, search: SearchTable<T>): (record: T) => boolean {
  const { value, op } = clause
  if (clause.metadataKey !== undefined) {
    const key = clause.metadataKey
    if (value === null) return (record) => !Object.hasOwn(search.metadata(record), key)
    // Stripe keeps metadata as tokens: exact match, case-insensitive.
    const wanted = value.toLowerCase()
    return (record) => search.metadata(record)[key]?.toLowerCase() === wanted
  }
  const field = search.read.get(clause.field)
  if (!field) return () => false
  const read = field.read
  if (value === null) return (record) => isAbsent(read(record))
  switch (field.kind) {
    case 'numeric': {
      const n = Number(value)
      return (record) => {
        const got = read(record)
        if (typeof got !== 'number') return false
        if (op === '>') return got > n
        if (op === '>=') return got >= n
        if (op === '<') return got < n
        if (op === '<=') return got <= n
        return got === n
      }
    }
    case 'string': {
      const wanted = value.toLowerCase()
      return op === '~'
        ? (record) =>
            String(read(record) ?? '')
              .toLowerCase()
              .includes(wanted)
        : (record) => String(read(record) ?? '').toLowerCase() === wanted
    }
    case 'boolean': {
      const wanted = value === 'true'
      return (record) => read(record) === wanted
    }
    case 'token':
    case 'metadata':
      return (record) => read(record) === value
    default: {
      const never: never = field.kind
      return never
    }
  }
}

function isAbsent(value: string | number | boolean | null): boolean {
  return value === null || value === ''
}
