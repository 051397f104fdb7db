import { stripeErrors } from '../../error-codes.js'
import type { FormObject, FormValue } from '../wire/form-body.js'
import { ParamError, bool, oneOf, str, strArray } from '../wire/form-params.js'
import type { PspContext } from '../psp-context.js'
import type { IntentExtra, IntentRecord, PaymentMethodRecord } from '../psp-records.js'
import { cardError, invalidParam } from '../wire/stripe-error.js'
import {
  testCardNumbers,
  testPaymentMethods,
  testTokenCard,
} from '../payment-methods/test-payment-methods.js'

/**
 * The payment method types the simulator knows, each with the currencies Stripe accepts it in
 * (docs.stripe.com/payments/payment-methods/payment-method-support); `null` = any. Only `card`
 * (and `link`, which pays by card) can be confirmed here.
 */
const typeCurrencies: ReadonlyMap<string, readonly string[] | null> = new Map<
  string,
  readonly string[] | null
>([
  ['card', null],
  ['link', null],
  ['p24', ['eur', 'pln']],
  ['sepa_debit', ['eur']],
  ['ideal', ['eur']],
  ['bancontact', ['eur']],
  ['eps', ['eur']],
  ['us_bank_account', ['usd']],
  ['acss_debit', ['cad', 'usd']],
  ['customer_balance', ['eur', 'gbp', 'jpy', 'mxn', 'usd']],
  ['affirm', ['cad', 'usd']],
  ['klarna', ['aud', 'cad', 'chf', 'dkk', 'eur', 'gbp', 'nok', 'nzd', 'pln', 'sek', 'usd']],
  ['paypal', ['aud', 'cad', 'chf', 'dkk', 'eur', 'gbp', 'hkd', 'nok', 'nzd', 'pln', 'sek', 'sgd', 'usd']],
])

/** What the account offers when an intent names no types (API versions ≥ 2023-08-16). */
export const automaticTypes: string[] = ['card', 'link']
const automaticDefault: IntentExtra = Object.freeze({
  automaticPaymentMethods: Object.freeze({ enabled: true, allowRedirects: 'always' as const }),
})

const fail = (failure: ReturnType<typeof invalidParam>): never => {
  throw new ParamError(failure)
}

/**
 * Checks `payment_method_types` against the intent's currency, with Stripe's messages: an unknown
 * type (wording from stripe/stripe-node#1472), or one the currency does not take (wording from
 * Automattic/woocommerce-payments#3233, which quotes Stripe's answer for sepa_debit with usd).
 */
export function checkTypes(
  types: readonly string[],
  currency: string,
  object: 'payment_intent' | 'setup_intent',
): void {
  for (const [index, type] of types.entries()) {
    if (!typeCurrencies.has(type))
      fail(
        invalidParam(
          `payment_method_types[${index}]`,
          `The payment method type "${type}" is invalid. See https://stripe.com/docs/api/${object}s/create#create_${object}-payment_method_types for the full list of supported payment method types.`,
        ),
      )
    const currencies = typeCurrencies.get(type)
    if (object === 'payment_intent' && currencies && !currencies.includes(currency))
      fail(
        invalidParam(
          'currency',
          `The currency provided (${currency}) is invalid for one or more payment method types on this PaymentIntent. The payment method type ${type} only supports the following currencies: ${currencies.join(', ')}. Either correct the provided currency, or use a different PaymentIntent to accept this payment method type.`,
        ),
      )
  }
}

/** `automatic_payment_methods[enabled]`, `[allow_redirects]`. */
export function readAutomatic(form: FormObject): IntentExtra['automaticPaymentMethods'] | undefined {
  const value = form.automatic_payment_methods
  if (value === undefined) return undefined
  if (typeof value !== 'object' || Array.isArray(value))
    return fail(invalidParam('automatic_payment_methods', 'Invalid object'))
  const nested = value as FormObject
  for (const key of Object.keys(nested))
    if (key !== 'enabled' && key !== 'allow_redirects')
      fail(
        invalidParam(
          `automatic_payment_methods[${key}]`,
          `Received unknown parameter: automatic_payment_methods[${key}]`,
          stripeErrors.parameter_unknown,
        ),
      )
  const enabled = bool(nested, 'enabled')
  if (enabled === undefined)
    return fail(
      invalidParam(
        'automatic_payment_methods[enabled]',
        'Missing required param: automatic_payment_methods[enabled].',
        stripeErrors.parameter_missing,
      ),
    )
  return {
    enabled,
    allowRedirects: oneOf(nested, 'allow_redirects', ['always', 'never'] as const) ?? 'always',
  }
}

/** `payment_method_options[card][request_incremental_authorization]`: `if_available` asks for it. */
function readIncremental(form: FormObject): boolean | undefined {
  const options = form.payment_method_options
  if (options === undefined) return undefined
  if (typeof options !== 'object' || Array.isArray(options))
    return fail(invalidParam('payment_method_options', 'Invalid object'))
  const card = (options as FormObject).card
  if (card === undefined) return undefined
  if (typeof card !== 'object' || Array.isArray(card))
    return fail(invalidParam('payment_method_options[card]', 'Invalid object'))
  const value = oneOf(card as FormObject, 'request_incremental_authorization', [
    'if_available',
    'never',
  ] as const)
  return value === undefined ? undefined : value === 'if_available'
}

/**
 * `payment_method_data`: creates the PaymentMethod inline, as Stripe does. Cards come from a test
 * token (`card[token]=tok_visa`) or a test card number; other types are checked against the
 * currency and then refused, since only cards are simulated.
 */
export function paymentMethodFromData(
  ctx: PspContext,
  form: FormObject,
  currency: string | null,
  nowMs: number,
): string | undefined {
  const data: FormValue | undefined = form.payment_method_data
  if (data === undefined) return undefined
  if (typeof data !== 'object' || Array.isArray(data))
    return fail(invalidParam('payment_method_data', 'Invalid object'))
  const nested = data as FormObject
  const type = str(nested, 'type')
  if (type === undefined)
    return fail(
      invalidParam(
        'payment_method_data[type]',
        'Missing required param: payment_method_data[type].',
        stripeErrors.parameter_missing,
      ),
    )
  if (currency !== null) checkTypes([type], currency, 'payment_intent')
  else checkTypes([type], 'usd', 'setup_intent')
  if (type !== 'card' && type !== 'link')
    return fail(
      invalidParam(
        'payment_method_data[type]',
        `The simulator confirms only card payment methods (got ${type}).`,
      ),
    )
  const card = nested.card
  const token = typeof card === 'object' && !Array.isArray(card) ? (card as FormObject).token : undefined
  const number = typeof card === 'object' && !Array.isArray(card) ? (card as FormObject).number : undefined
  let testToken: string | undefined
  let last4: string | undefined
  if (typeof token === 'string') {
    const found = testTokenCard(token)
    if (!found)
      return fail(
        invalidParam(
          'payment_method_data[card][token]',
          `No such token: '${token}'`,
          stripeErrors.resource_missing,
        ),
      )
    testToken = found.id
    last4 = found.card.last4
  } else if (typeof number === 'string') {
    testToken = testCardNumbers.get(number.replace(/\s/g, ''))
    if (!testToken)
      throw new ParamError(
        cardError(stripeErrors.incorrect_number, 'Your card number is incorrect.', {
          param: 'payment_method_data[card][number]',
        }),
      )
    last4 = number.slice(-4)
  } else
    return fail(
      invalidParam(
        'payment_method_data[card]',
        'Missing required param: payment_method_data[card].',
        stripeErrors.parameter_missing,
      ),
    )
  const test = testPaymentMethods.get(testToken)
  const pm: PaymentMethodRecord = {
    id: ctx.ids.next('pm', 16),
    testToken,
    card: { brand: test?.brand ?? 'visa', last4, expMonth: 12, expYear: 2034 },
    customer: null,
    created: Math.floor(nowMs / 1000),
    metadata: {},
  }
  ctx.state.paymentMethods.add(pm)
  return pm.id
}

/**
 * Applies what an intent create, update or confirm says beyond the common fields:
 * `automatic_payment_methods` (defaulted on a create that names no types, as API versions
 * ≥ 2023-08-16 do; refused beside `payment_method_types`), the types' currencies,
 * `payment_method_data` and the card's incremental authorization. Throws a ParamError (nothing
 * saved) before it changes anything but the new PaymentMethod.
 */
export function applyIntentExtras(
  ctx: PspContext,
  form: FormObject,
  pi: IntentRecord,
  nowMs: number,
  creating: boolean,
): void {
  const automatic = readAutomatic(form)
  // stripe-node 23 (API 2026-10-28) names the list `allowed_payment_method_types`; older versions `payment_method_types`.
  const typesKey =
    form.allowed_payment_method_types !== undefined ? 'allowed_payment_method_types' : 'payment_method_types'
  const explicitTypes = form[typesKey] !== undefined
  if (automatic && explicitTypes)
    fail(
      invalidParam(
        'automatic_payment_methods',
        `You may only specify one of these parameters: automatic_payment_methods, ${typesKey}.`,
        stripeErrors.parameters_exclusive,
      ),
    )
  if (explicitTypes) {
    const types = strArray(form, typesKey) ?? []
    checkTypes(types, pi.currency, 'payment_intent')
    pi.paymentMethodTypes = types
  }
  const incremental = readIncremental(form)
  if (form.payment_method_data !== undefined && form.payment_method !== undefined)
    fail(
      invalidParam('payment_method_data', 'You cannot provide both payment_method and payment_method_data.'),
    )
  const created = paymentMethodFromData(ctx, form, pi.currency, nowMs)
  if (created !== undefined) {
    pi.paymentMethod = created
    if (!creating && pi.status === 'requires_payment_method') pi.status = 'requires_confirmation'
  }
  let extra = pi.extra
  if (creating && !explicitTypes && (automatic === undefined || automatic.enabled)) {
    pi.paymentMethodTypes = automaticTypes
    extra = automatic === undefined ? automaticDefault : { ...extra, automaticPaymentMethods: automatic }
  } else if (automatic !== undefined) extra = { ...extra, automaticPaymentMethods: automatic }
  else if (explicitTypes && extra?.automaticPaymentMethods) {
    const { automaticPaymentMethods: _dropped, ...rest } = extra
    extra = rest
  }
  if (incremental !== undefined) extra = { ...extra, incrementalAuthorization: incremental }
  if (extra !== undefined) pi.extra = extra
}

/** `automatic_payment_methods` as rendered: null when the intent named its types. */
export function renderAutomatic(pi: IntentRecord): Record<string, unknown> | null {
  const a = pi.extra?.automaticPaymentMethods
  return a ? { allow_redirects: a.allowRedirects, enabled: a.enabled } : null
}
