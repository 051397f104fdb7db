import type { FraudErrorCode } from '../error-codes.js'

/** The fields of a Sift event the simulator acts on; the rest are accepted and echoed. */
export interface SiftEvent {
  /** `$type`: a reserved event (`$create_order`) or a custom one (`checkout_started`). */
  type: string
  /** `$api_key` from the body, when it carries one. */
  apiKey?: string
  userId?: string
  sessionId?: string
  orderId?: string
  email?: string
  /** `$amount` in micros (1 USD = 1,000,000). */
  amountMicros?: number
  /** `$currency_code`, upper case; USD when absent, as Sift assumes. */
  currency: string
  transactionId?: string
  transactionStatus?: string
  transactionType?: string
}

/** A parsed event, or the Sift status and message that refuse it. */
export type ParsedEvent =
  { ok: true; event: SiftEvent } | { ok: false; code: FraudErrorCode; message: string }

/** Sift's reserved events (developers.sift.com, Events API; the official clients' field sets). */
export const reservedEvents: ReadonlySet<string> = new Set([
  '$add_item_to_cart',
  '$add_promotion',
  '$chargeback',
  '$content_status',
  '$create_account',
  '$create_content',
  '$create_order',
  '$flag_content',
  '$link_session_to_user',
  '$login',
  '$logout',
  '$order_status',
  '$remove_item_from_cart',
  '$security_notification',
  '$transaction',
  '$update_account',
  '$update_content',
  '$update_order',
  '$update_password',
  '$verification',
  '$wager',
])

/** Sift's field names: letters, digits and underscores, reserved ones after a `$`. */
const fieldName = /^\$?[A-Za-z0-9_]{1,100}$/
/** Sift's id alphabet: "alphanumeric characters (without space) and = . - _ + @ : & ^ % ! $". */
const idValue = /^[A-Za-z0-9=.\-_+@:&^%!$]{1,255}$/
const idFields = ['$user_id', '$session_id', '$order_id', '$transaction_id'] as const
const maxDepth = 8

const refuse = (code: FraudErrorCode, message: string): ParsedEvent => ({ ok: false, code, message })

/** The first field name Sift would refuse, searching nested objects and arrays. */
function badFieldName(value: unknown, depth: number): string | undefined {
  if (depth > maxDepth || typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    for (const item of value) {
      const bad = badFieldName(item, depth + 1)
      if (bad !== undefined) return bad
    }
    return undefined
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!fieldName.test(key)) return key
    const bad = badFieldName(inner, depth + 1)
    if (bad !== undefined) return bad
  }
  return undefined
}

function optionalString(b: Record<string, unknown>, key: string): string | undefined | null {
  const value = b[key]
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' && value.length <= 1_000 ? value : null
}

/**
 * Checks an Events API body as Sift does and picks out the fields the simulator scores on:
 * 57 for a body that is not an object, 55 for a missing `$type`, user or session (and, on
 * `$transaction`, `$amount` and `$currency_code`), 52 for a bad field name, 114 for an unknown
 * reserved event, 53 for a bad value (ids, `$amount`, `$currency_code`, strings).
 * @example parseEvent({ $type: '$create_order', $user_id: 'u1', $amount: 115940000 }) // { ok: true, … }
 */
export function parseEvent(body: unknown): ParsedEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return refuse('57', 'Invalid HTTP body: the event must be a JSON object')
  const b = body as Record<string, unknown>
  const badName = badFieldName(b, 0)
  if (badName !== undefined)
    return refuse('52', `Invalid characters in field name: ${JSON.stringify(badName.slice(0, 100))}`)
  if (typeof b.$type !== 'string' || b.$type === '') return refuse('55', 'Missing required field: $type')
  const type = b.$type
  if (type.startsWith('$') ? !reservedEvents.has(type) : !fieldName.test(type))
    return refuse('114', `Invalid event type: ${JSON.stringify(type.slice(0, 100))}`)
  for (const key of idFields) {
    const value = b[key]
    if (value !== undefined && (typeof value !== 'string' || !idValue.test(value)))
      return refuse('53', `Invalid characters in field value: ${key}`)
  }
  if (b.$user_id === undefined && b.$session_id === undefined)
    return refuse('55', 'Missing required field: $user_id (or $session_id)')
  if (type === '$transaction')
    for (const key of ['$amount', '$currency_code'])
      if (b[key] === undefined) return refuse('55', `Missing required field: ${key}`)
  const amount = b.$amount
  if (amount !== undefined && (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0))
    return refuse(
      '53',
      'Invalid field value: $amount must be a non-negative integer in micros (1 USD = 1,000,000)',
    )
  const currency = b.$currency_code
  if (currency !== undefined && (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)))
    return refuse('53', 'Invalid field value: $currency_code must be an ISO 4217 code')
  const strings: Record<string, string | undefined> = {}
  for (const key of ['$api_key', '$user_email', '$transaction_status', '$transaction_type']) {
    const value = optionalString(b, key)
    if (value === null) return refuse('53', `Invalid field value: ${key} must be a string`)
    strings[key] = value
  }
  const event: SiftEvent = { type, currency: typeof currency === 'string' ? currency.toUpperCase() : 'USD' }
  const set = <K extends keyof SiftEvent>(key: K, value: SiftEvent[K] | undefined): void => {
    if (value !== undefined) event[key] = value
  }
  set('apiKey', strings.$api_key)
  set('userId', b.$user_id as string | undefined)
  set('sessionId', b.$session_id as string | undefined)
  set('orderId', b.$order_id as string | undefined)
  set('transactionId', b.$transaction_id as string | undefined)
  set('email', strings.$user_email)
  set('amountMicros', amount as number | undefined)
  set('transactionStatus', strings.$transaction_status)
  set('transactionType', strings.$transaction_type)
  return { ok: true, event }
}
