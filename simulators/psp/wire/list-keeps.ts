import type { FormObject } from './form-body.js'
import { str } from './form-params.js'
import { allOf, byId, createdFilter, type Keep } from './list-filters.js'
import type { ChargeRecord, IntentRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'

/** `GET /v1/payment_intents` filters besides the cursors. */
export const intentListParams: ReadonlySet<string> = new Set(['customer', 'created'])

/**
 * What `GET /v1/payment_intents` keeps: `created`, and `customer` checked on the intent itself
 * (the by-customer index keeps an intent under a customer it has since moved from).
 */
export function intentListKeep(state: PspState, form: FormObject): Keep<string> {
  const created = createdFilter(form)
  const customer = str(form, 'customer')
  return byId(
    (id) => state.intents.get(id),
    allOf<IntentRecord>(
      created && ((pi) => created(pi.created)),
      customer !== undefined ? (pi) => pi.customer === customer : undefined,
    ),
  )
}

/** `GET /v1/charges` filters besides the cursors. */
export const chargeListParams: ReadonlySet<string> = new Set(['payment_intent', 'customer', 'created'])

/** What `GET /v1/charges` keeps: `created`, `customer` (a scan), and `payment_intent` (also indexed). */
export function chargeListKeep(state: PspState, form: FormObject): Keep<string> {
  const created = createdFilter(form)
  const customer = str(form, 'customer')
  return byId(
    (id) => state.charges.get(id),
    allOf<ChargeRecord>(
      created && ((ch) => created(ch.created)),
      customer !== undefined ? (ch) => ch.customer === customer : undefined,
    ),
  )
}
