import { stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import { formArray, type FormObject } from './form-body.js'
import { invalidParam, type StripeFailure } from './stripe-error.js'

/** The kinds of Stripe object the simulator answers with. */
export type ObjectKind =
  | 'payment_intent'
  | 'charge'
  | 'refund'
  | 'customer'
  | 'payment_method'
  | 'event'
  | 'webhook_endpoint'
  | 'balance_transaction'
  | 'balance'
  | 'dispute'
  | 'setup_intent'
  | CustomerPartKind

/** What customer sub-resources answer with (customer-*.ts); none has expandable fields. */
type CustomerPartKind =
  | 'customer_balance_transaction'
  | 'tax_id'
  | 'cash_balance'
  | 'customer_cash_balance_transaction'
  | 'funding_instructions'
  | 'source'

/** What an endpoint answers with: one object, or a list of them (expand paths then start `data.`). */
export interface Answers {
  object: ObjectKind
  list?: boolean
  /** A search result: also takes `expand[]=total_count`. */
  search?: boolean
}

/** The fields of each object that `expand[]` may name (those the simulator renders), and their kind. */
const expandableFields: Readonly<Record<ObjectKind, ReadonlyMap<string, ObjectKind>>> = {
  payment_intent: new Map([
    ['customer', 'customer'],
    ['latest_charge', 'charge'],
    ['payment_method', 'payment_method'],
  ]),
  charge: new Map([
    ['payment_intent', 'payment_intent'],
    ['balance_transaction', 'balance_transaction'],
  ]),
  refund: new Map([
    ['charge', 'charge'],
    ['payment_intent', 'payment_intent'],
    ['balance_transaction', 'balance_transaction'],
  ]),
  balance_transaction: new Map(),
  balance: new Map(),
  dispute: new Map([
    ['charge', 'charge'],
    ['payment_intent', 'payment_intent'],
  ]),
  setup_intent: new Map([
    ['customer', 'customer'],
    ['payment_method', 'payment_method'],
  ]),
  customer: new Map(),
  payment_method: new Map([['customer', 'customer']]),
  event: new Map(),
  webhook_endpoint: new Map(),
  customer_balance_transaction: new Map(),
  tax_id: new Map(),
  cash_balance: new Map(),
  customer_cash_balance_transaction: new Map(),
  funding_instructions: new Map(),
  source: new Map(),
}

/** Stripe expands at most four levels (`a.b.c.d`). */
const maxLevels = 4
const none: ReadonlySet<string> = new Set()

/**
 * Reads and checks `expand[]` as Stripe does: every path must name expandable fields, level by
 * level, at most four levels deep, and a list's paths start with `data.`; anything else is a 400
 * naming the path (`This property cannot be expanded (nope).`, `param: 'expand[0]'`). Returns the
 * paths relative to the object (a list's `data.` removed) with every prefix, so that
 * `latest_charge.payment_intent` also expands `latest_charge`.
 * @example parseExpand({ expand: { '0': 'latest_charge.payment_intent' } }, { object: 'payment_intent' })
 * // Set { 'latest_charge', 'latest_charge.payment_intent' }
 */
export function parseExpand(form: FormObject, answers: Answers): ReadonlySet<string> | StripeFailure {
  if (form.expand === undefined) return none
  const paths = formArray(form.expand)
  if (!paths) return invalidParam('expand', 'Invalid array', stripeErrors.parameter_invalid_array)
  const out = new Set<string>()
  for (const [index, path] of paths.entries()) {
    const param = `expand[${index}]`
    if (answers.search && path === 'total_count') {
      out.add(path)
      continue
    }
    const segments = path.split('.')
    if (segments.length > maxLevels)
      return cannotExpand(param, 'You cannot expand more than 4 levels of a property.')
    let kind = answers.object
    let start = 0
    if (answers.list) {
      const first = segments[0] ?? ''
      if (first !== 'data' || segments.length === 1)
        return cannotExpand(
          param,
          `This property cannot be expanded (${first}).${expandableFields[kind].has(first) ? ` You may want to try expanding 'data.${first}' instead.` : ''}`,
        )
      start = 1
    }
    for (let i = start; i < segments.length; i++) {
      const next = expandableFields[kind].get(segments[i] ?? '')
      if (!next)
        return cannotExpand(
          param,
          `This property cannot be expanded (${segments.slice(0, i + 1).join('.')}).`,
        )
      kind = next
      out.add(segments.slice(start, i + 1).join('.'))
    }
  }
  return out
}

function cannotExpand(param: string, message: string): StripeFailure {
  return { status: 400, error: { type: stripeErrorTypes.invalid_request_error.code, param, message } }
}

/** The paths below one expanded field: `within({'latest_charge.payment_intent'}, 'latest_charge')` → `{'payment_intent'}`. */
export function within(expand: ReadonlySet<string>, field: string): ReadonlySet<string> {
  if (expand.size <= 1) return none
  const prefix = `${field}.`
  let out: Set<string> | undefined
  for (const path of expand) if (path.startsWith(prefix)) (out ??= new Set()).add(path.slice(prefix.length))
  return out ?? none
}
