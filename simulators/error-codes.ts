/**
 * Every stable error code the simulators answer, by vendor, with its HTTP status and meaning:
 * the one registry that every error response draws its code from, and that README.md's
 * "Error codes" tables document (a test checks both ways).
 *
 * Vendor codes copy the vendor's spelling (Stripe's snake_case, AvaTax's PascalCase) so that
 * the vendor's own client reads them; admin codes are our own SCREAMING_SNAKE_CASE.
 */

/** One registered code. */
export interface ErrorCode<C extends string = string> {
  readonly code: C
  /** The HTTP status it is answered with; `4xx`/`5xx` where a fault rule picks the status. */
  readonly status: number | '4xx' | '5xx'
  /** What it means, in one line. */
  readonly meaning: string
}

/**
 * The HTTP status a registered code is answered with; only for codes whose status is fixed.
 * @example statusOf(stripeErrors.resource_missing) // 404
 */
export function statusOf(entry: ErrorCode): number {
  if (typeof entry.status !== 'number')
    throw new Error(`Failed to pick a status for ${entry.code}: it varies (${entry.status})`)
  return entry.status
}

type Entries = Record<string, { status: ErrorCode['status']; meaning: string }>

/** Keys each entry by its code, so `stripeErrors.resource_missing.code === 'resource_missing'`. */
function registry<T extends Entries>(entries: T): { readonly [K in keyof T & string]: ErrorCode<K> } {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(entries).map(([code, entry]) => [code, Object.freeze({ code, ...entry })]),
    ),
  ) as { readonly [K in keyof T & string]: ErrorCode<K> }
}

/** PSP: Stripe's `error.code`. */
export const stripeErrors = registry({
  parameter_invalid_string: {
    status: 400,
    meaning: 'A parameter has a value of the wrong kind, or the body could not be decoded or is too large.',
  },
  parameter_invalid_integer: {
    status: 400,
    meaning: 'A parameter that must be an integer is not, or is below its minimum.',
  },
  parameter_invalid_boolean: { status: 400, meaning: 'A parameter that must be true or false is not.' },
  parameter_invalid_array: {
    status: 400,
    meaning: 'A parameter that must be a list (`expand[]`, `payment_method_types[]`) is not.',
  },
  parameter_unknown: { status: 400, meaning: 'The request names a parameter the endpoint does not take.' },
  parameter_missing: { status: 400, meaning: 'A required parameter is absent.' },
  amount_too_small: { status: 400, meaning: 'The amount is below the currency minimum (50 minor units).' },
  amount_too_large: {
    status: 400,
    meaning: 'The amount is above what is allowed: the maximum, the capturable or the unrefunded amount.',
  },
  url_invalid: { status: 400, meaning: 'A webhook endpoint URL is not an http(s) URL.' },
  resource_missing: {
    status: 404,
    meaning: 'No object with that id (intent, charge, refund, customer, payment method, event, endpoint).',
  },
  payment_intent_unexpected_state: {
    status: 400,
    meaning: 'The intent is in a status that does not allow the operation, or lacks a payment method.',
  },
  charge_already_refunded: { status: 400, meaning: 'The charge has nothing left to refund.' },
  charge_not_refundable: { status: 400, meaning: 'The intent has no successful charge to refund.' },
  idempotency_key_in_use: {
    status: 409,
    meaning: 'Another request with the same Idempotency-Key is still in progress.',
  },
  rate_limit: { status: 429, meaning: 'A rate-limit fault is in force; retry after `Retry-After`.' },
  card_declined: { status: 402, meaning: 'The test card declines; `decline_code` says why.' },
  expired_card: { status: 402, meaning: 'The test card has expired.' },
  incorrect_cvc: { status: 402, meaning: "The test card's security code is wrong." },
  processing_error: { status: 402, meaning: 'The test card fails with a processing error (retryable).' },
  incorrect_number: {
    status: 402,
    meaning: 'A card number that fails the Luhn check or has the wrong length.',
  },
  invalid_expiry_month: {
    status: 402,
    meaning:
      "`card_error`: the card's expiry month is not 1 to 12, or is past this year (by the simulator's clock).",
  },
  invalid_expiry_year: {
    status: 402,
    meaning:
      "`card_error`: the card's expiry year is past (by the simulator's clock) or more than 50 years ahead.",
  },
  tax_id_invalid: { status: 400, meaning: 'A customer tax id value does not have the shape of its `type`.' },
  bank_account_verification_failed: {
    status: 400,
    meaning:
      'The micro-deposit amounts given to verify a bank account source are not the test amounts (32, 45).',
  },
  payment_intent_authentication_failure: {
    status: 402,
    meaning: '3-D Secure failed (admin `authenticate` with `fail`).',
  },
  setup_intent_unexpected_state: {
    status: 400,
    meaning: 'The SetupIntent is in a status that does not allow the operation, or lacks a payment method.',
  },
  setup_intent_authentication_failure: {
    status: 402,
    meaning: '3-D Secure failed on a SetupIntent (admin `authenticate` with `fail`).',
  },
  charge_already_captured: { status: 400, meaning: 'The charge was captured already.' },
  parameters_exclusive: {
    status: 400,
    meaning:
      'Two parameters that exclude each other were both given (`automatic_payment_methods` and the types).',
  },
  missing: {
    status: 402,
    meaning: '`card_error`: `POST /v1/charges` names a customer with no card to charge.',
  },
})
export type StripeErrorCode = keyof typeof stripeErrors

/** PSP: Stripe errors that carry only an `error.type`, as Stripe's do. */
export const stripeErrorTypes = registry({
  invalid_request_error: {
    status: '4xx',
    meaning:
      'With no code: a missing or wrong API key (401), an empty or over-long Idempotency-Key (400), an unknown URL (404), a search query that cannot be read (400, `param: query`), an operation the object does not allow now (cancel a refund not in `requires_action`, detach a detached PaymentMethod, verify a verified bank account: 400).',
  },
  idempotency_error: { status: 400, meaning: 'The Idempotency-Key was first used with other parameters.' },
  api_error: { status: '5xx', meaning: 'An unexpected failure in the simulator, or an injected 5xx fault.' },
})

/** PSP: Stripe's `error.decline_code` beside `card_declined` and the other card errors. */
export const stripeDeclineCodes = registry({
  generic_decline: { status: 402, meaning: 'Declined for no stated reason (`pm_card_visa_chargeDeclined`).' },
  insufficient_funds: { status: 402, meaning: 'Declined: insufficient funds.' },
  lost_card: { status: 402, meaning: 'Declined: the card is reported lost.' },
  stolen_card: { status: 402, meaning: 'Declined: the card is reported stolen.' },
  fraudulent: { status: 402, meaning: 'Blocked as fraudulent (`pm_card_radarBlock`).' },
  expired_card: { status: 402, meaning: 'Declined: the card has expired.' },
  incorrect_cvc: { status: 402, meaning: 'Declined: wrong security code.' },
  processing_error: { status: 402, meaning: 'Declined: a processing error.' },
})
export type StripeDeclineCode = keyof typeof stripeDeclineCodes

/** Tax: AvaTax's `error.code` (also in `error.details[0].code`), spelled as AvaTax spells them. */
export const avataxErrors = registry({
  ModelRequiredException: { status: 400, meaning: 'The request has no body, or the body is not JSON.' },
  ModelStateInvalid: {
    status: 400,
    meaning:
      'A field has the wrong type or an unknown value, or `$filter`/`$top`/`$skip` cannot be read; `refersTo` names it.',
  },
  ValueRequiredError: { status: 400, meaning: 'A required field is missing; `refersTo` names it.' },
  RangeError: {
    status: 400,
    meaning:
      'A value is outside its range (`refundPercentage`, the number of lines, a code over 50 characters).',
  },
  DocumentCodeConflict: {
    status: 400,
    meaning:
      'A committed or voided document with that company, code and type exists: its code is taken (adjust or void it, or use `createoradjust`).',
  },
  TransactionAlreadyCancelled: { status: 400, meaning: 'The transaction is voided already; nothing to do.' },
  CannotModifyLockedTransaction: {
    status: 400,
    meaning: 'The transaction is voided and cannot be committed, uncommitted or adjusted.',
  },
  InvalidDocumentStatusForRefund: {
    status: 400,
    meaning: 'Only a committed document can be refunded.',
  },
  InvalidDocumentType: {
    status: 400,
    meaning: 'The document is not of a type the operation takes (a refund of a `ReturnInvoice`).',
  },
  AuthenticationIncomplete: {
    status: 401,
    meaning: 'No `Authorization` header, or one that is neither Basic nor Bearer.',
  },
  BasicAuthIncorrect: {
    status: 401,
    meaning: 'The Basic header is not base64 of `name:secret` with both parts present.',
  },
  AuthenticationException: {
    status: 401,
    meaning: 'The credentials are well formed but not the ones the simulator accepts.',
  },
  EntityNotFoundError: { status: 404, meaning: 'No transaction with that company, code and document type.' },
  NotFound: { status: 404, meaning: 'No route for the method and path.' },
  RequestTooLarge: {
    status: 413,
    meaning: 'The request body is over the size limit (nothing is read or saved).',
  },
  TooManyRequests: { status: 429, meaning: 'A rate-limit fault (or an injected 429) is in force.' },
  BadRequest: { status: '4xx', meaning: 'An injected 4xx fault with no code of its own.' },
  ServiceUnavailable: { status: '5xx', meaning: 'An injected 5xx fault with no code of its own.' },
})
export type AvataxErrorCode = keyof typeof avataxErrors

/**
 * Fraud: Sift's `status`, an integer on the wire (`{ status, error_message }`), registered here
 * as its decimal spelling. Sift answers HTTP 400 for a refused request whatever the status.
 */
export const fraudErrors = registry({
  '50': {
    status: '4xx',
    meaning:
      'Invalid request: an injected 4xx with no code of its own, or no route for the method and path (404).',
  },
  '51': {
    status: 400,
    meaning: 'Invalid API key: none given, or not the one the simulator was started with.',
  },
  '52': {
    status: 400,
    meaning: 'Invalid characters in a field name (letters, digits and `_`, after an optional `$`).',
  },
  '53': {
    status: 400,
    meaning:
      'Invalid field value: an id with characters Sift does not allow, a non-integer `$amount`, a bad currency.',
  },
  '54': {
    status: 400,
    meaning: 'Score API: the user has no scoreable events (none sent since the last reset).',
  },
  '55': {
    status: 400,
    meaning: 'A required field is missing (`$type`, `$user_id` or `$session_id`, `$amount`, …).',
  },
  '56': { status: 400, meaning: 'The body is not valid JSON.' },
  '57': { status: 400, meaning: 'Invalid HTTP body: not a JSON object, or over the size limit.' },
  '60': { status: 429, meaning: 'Rate limited: a rate-limit fault (or an injected 429) is in force.' },
  '104': { status: 400, meaning: 'Invalid API version: the path names a version other than v204 or v205.' },
  '114': {
    status: 400,
    meaning: 'Invalid event type: a `$`-prefixed `$type` that is not a Sift reserved event.',
  },
  '-1': { status: '5xx', meaning: 'Unexpected server-side error: an injected 5xx with no code of its own.' },
})
export type FraudErrorCode = keyof typeof fraudErrors

/** Every simulator's admin API (`/__admin/…`): `{ error: { code, message, details? } }`. */
export const adminErrors = registry({
  ADMIN_LOCAL_ONLY: { status: 403, meaning: 'The admin API answers loopback clients only.' },
  ADMIN_ROUTE_NOT_FOUND: { status: 404, meaning: 'No admin route for the method and path.' },
  FAULT_RULE_INVALID: {
    status: 400,
    meaning: 'The fault rule is not JSON or breaks the schema; `details` lists each problem.',
  },
  FAULT_RULE_ID_TAKEN: { status: 409, meaning: 'A fault rule with that `id` exists; remove it first.' },
  FAULT_RULE_NOT_FOUND: { status: 404, meaning: 'No fault rule with that id.' },
  INTENT_NOT_FOUND: { status: 404, meaning: 'PSP `authenticate`: no payment or setup intent with that id.' },
  INTENT_NOT_AWAITING_ACTION: {
    status: 409,
    meaning: 'PSP `authenticate`: the intent is not in `requires_action`.',
  },
  AUTHENTICATE_INVALID: {
    status: 400,
    meaning: 'PSP `authenticate`: the body is not `{ "result": "succeed" | "fail" }`.',
  },
  WEBHOOK_ENDPOINT_INVALID: {
    status: 400,
    meaning: 'PSP webhooks: the endpoint body lacks an http(s) `url`.',
  },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, meaning: 'PSP webhooks: no endpoint with that id.' },
})
export type AdminErrorCode = keyof typeof adminErrors

/**
 * The whole registry, one group per README table: `title` is the table's heading there.
 * @example for (const group of errorRegistry) for (const entry of Object.values(group.codes)) console.log(entry.code)
 */
export const errorRegistry: ReadonlyArray<{ title: string; codes: Readonly<Record<string, ErrorCode>> }> = [
  { title: 'PSP: `error.code`', codes: stripeErrors },
  { title: 'PSP: `error.type` alone', codes: stripeErrorTypes },
  { title: 'PSP: `error.decline_code`', codes: stripeDeclineCodes },
  { title: 'Tax: `error.code`', codes: avataxErrors },
  { title: 'Fraud: Sift `status`', codes: fraudErrors },
  { title: 'Admin APIs: `error.code`', codes: adminErrors },
]
