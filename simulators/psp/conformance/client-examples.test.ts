import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

/**
 * The official client's own request examples (stripe-node's generated examples for
 * PaymentIntents, Refunds, Customers, PaymentMethods, Events and WebhookEndpoints: 66 calls),
 * made with the same method and parameters, but with objects created here in place of the
 * examples' placeholder ids (`cus_xxxxxxxxxxxxx`, `pi_xxxxxxxxxxxxx`, …). Where Stripe refuses the
 * example's own inputs whatever the ids (a card that expired in 2024, p24 in usd, a token that
 * does not exist), the case asserts that refusal instead. simulators/README.md, "The stripe
 * client's own examples", says how the examples were run unchanged and what they answered.
 */

/** The objects the examples' placeholders stand for, made once before the cases run. */
interface Fixtures {
  customer: Stripe.Customer
  /** Deleted by the `customers.del` example. */
  doomedCustomer: Stripe.Customer
  balanceTxn: Stripe.CustomerBalanceTransaction
  card: Stripe.Card
  bank: Stripe.BankAccount
  /** Deleted by the two `deleteSource` examples. */
  doomedCard: Stripe.Card
  doomedBank: Stripe.BankAccount
  taxId: Stripe.TaxId
  doomedTaxId: Stripe.TaxId
  event: Stripe.Event
  /** `customer_balance` intent, `requires_payment_method`: the simulator cannot confirm it. */
  balanceIntent: Stripe.PaymentIntent
  openIntent: Stripe.PaymentIntent
  cardIntent: Stripe.PaymentIntent
  heldIntent: Stripe.PaymentIntent
  incrementableIntent: Stripe.PaymentIntent
  paidIntent: Stripe.PaymentIntent
  /** `us_bank_account` intent, `requires_payment_method`: the simulator cannot confirm it. */
  bankIntent: Stripe.PaymentIntent
  chargeToRefund: string
  refund: Stripe.Refund
  loosePaymentMethod: Stripe.PaymentMethod
  attachedPaymentMethod: Stripe.PaymentMethod
  detachablePaymentMethod: Stripe.PaymentMethod
  endpoint: Stripe.WebhookEndpoint
  /** Deleted by the `webhookEndpoints.del` example. */
  doomedEndpoint: Stripe.WebhookEndpoint
}

/** What a refused call must carry: Stripe's status, type, code, param and message. */
interface Refusal {
  statusCode: number
  type: string
  code?: string
  param?: string
  message: string
}

/** One example: the call with real ids, and either the answer's key fields or Stripe's refusal. */
interface Example {
  /** The `it(...)` name of the stripe-node generated example. */
  name: string
  call: (stripe: Stripe, f: Fixtures) => Promise<unknown>
  answer?: (f: Fixtures) => Record<string, unknown>
  refusal?: (f: Fixtures) => Refusal
}

const list = (url: string): Record<string, unknown> => ({ object: 'list', url })
const ids = (page: unknown): string[] => (page as { data: Array<{ id: string }> }).data.map((x) => x.id)
const metadata6735 = { metadata: { order_id: '6735' } }
const invalidRequest = 'StripeInvalidRequestError'

const examples: Example[] = [
  {
    name: 'test_customers_balance_transactions_get',
    call: (s, f) => s.customers.listBalanceTransactions(f.customer.id, { limit: 3 }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/balance_transactions`), data: [f.balanceTxn] }),
  },
  {
    name: 'test_customers_balance_transactions_get_2',
    call: (s, f) => s.customers.retrieveBalanceTransaction(f.customer.id, f.balanceTxn.id),
    answer: (f) => ({ id: f.balanceTxn.id, object: 'customer_balance_transaction', customer: f.customer.id }),
  },
  {
    name: 'test_customers_balance_transactions_post',
    call: (s, f) => s.customers.createBalanceTransaction(f.customer.id, { amount: -500, currency: 'usd' }),
    answer: (f) => ({
      object: 'customer_balance_transaction',
      customer: f.customer.id,
      amount: -500,
      currency: 'usd',
      ending_balance: f.balanceTxn.ending_balance - 500,
      type: 'adjustment',
    }),
  },
  {
    name: 'test_customers_balance_transactions_post_2',
    call: (s, f) => s.customers.updateBalanceTransaction(f.customer.id, f.balanceTxn.id, metadata6735),
    answer: (f) => ({ id: f.balanceTxn.id, object: 'customer_balance_transaction', ...metadata6735 }),
  },
  {
    name: 'test_customers_cash_balance_get',
    call: (s, f) => s.customers.retrieveCashBalance(f.customer.id),
    answer: (f) => ({ object: 'cash_balance', customer: f.customer.id, livemode: false }),
  },
  {
    name: 'test_customers_cash_balance_post',
    call: (s, f) =>
      s.customers.updateCashBalance(f.customer.id, { settings: { reconciliation_mode: 'manual' } }),
    answer: (f) => ({
      object: 'cash_balance',
      customer: f.customer.id,
      settings: { reconciliation_mode: 'manual', using_merchant_default: false },
    }),
  },
  {
    name: 'test_customers_cash_balance_transactions_get',
    call: (s, f) => s.customers.listCashBalanceTransactions(f.customer.id, { limit: 3 }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/cash_balance_transactions`), data: [] }),
  },
  {
    name: 'test_customers_delete',
    call: (s, f) => s.customers.del(f.doomedCustomer.id),
    answer: (f) => ({ id: f.doomedCustomer.id, object: 'customer', deleted: true }),
  },
  {
    // jp_bank_transfer funds only jpy; the example asks for usd.
    name: 'test_customers_funding_instructions_post',
    call: (s, f) =>
      s.customers.createFundingInstructions(f.customer.id, {
        bank_transfer: { requested_address_types: ['zengin'], type: 'jp_bank_transfer' },
        currency: 'usd',
        funding_type: 'bank_transfer',
      }),
    refusal: () => ({
      statusCode: 400,
      type: invalidRequest,
      code: 'parameter_invalid_string',
      param: 'currency',
      message: 'The currency usd is not supported for bank transfers of type jp_bank_transfer; use jpy.',
    }),
  },
  {
    name: 'test_customers_get',
    call: (s) => s.customers.list({ limit: 3 }),
    answer: () => list('/v1/customers'),
  },
  {
    name: 'test_customers_get_2',
    call: (s) => s.customers.list({ limit: 3 }),
    answer: () => list('/v1/customers'),
  },
  {
    name: 'test_customers_get_3',
    call: (s, f) => s.customers.retrieve(f.customer.id),
    answer: (f) => ({ id: f.customer.id, object: 'customer', default_source: f.card.id }),
  },
  {
    name: 'test_customers_payment_methods_get',
    call: (s, f) => s.customers.listPaymentMethods(f.customer.id, { type: 'card' }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/payment_methods`) }),
  },
  {
    name: 'test_customers_payment_methods_get_2',
    call: (s, f) => s.customers.listPaymentMethods(f.customer.id, { type: 'card' }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/payment_methods`) }),
  },
  {
    name: 'test_customers_post',
    call: (s) =>
      s.customers.create({
        description: 'My First Test Customer (created for API docs at https://www.stripe.com/docs/api)',
      }),
    answer: () => ({
      object: 'customer',
      description: 'My First Test Customer (created for API docs at https://www.stripe.com/docs/api)',
      balance: 0,
      livemode: false,
    }),
  },
  {
    name: 'test_customers_post_2',
    call: (s, f) => s.customers.update(f.customer.id, metadata6735),
    answer: (f) => ({ id: f.customer.id, object: 'customer', metadata: { foo: 'bar', order_id: '6735' } }),
  },
  {
    name: 'test_customers_search_get',
    call: (s) => s.customers.search({ query: "name:'fakename' AND metadata['foo']:'bar'" }),
    answer: () => ({ object: 'search_result', url: '/v1/customers/search', has_more: false }),
  },
  {
    name: 'test_customers_search_get_2',
    call: (s) => s.customers.search({ query: "name:'fakename' AND metadata['foo']:'bar'" }),
    answer: () => ({ object: 'search_result', url: '/v1/customers/search', has_more: false }),
  },
  {
    name: 'test_customers_sources_delete',
    call: (s, f) => s.customers.deleteSource(f.customer.id, f.doomedBank.id),
    answer: (f) => ({ id: f.doomedBank.id, object: 'bank_account', deleted: true }),
  },
  {
    name: 'test_customers_sources_delete_2',
    call: (s, f) => s.customers.deleteSource(f.customer.id, f.doomedCard.id),
    answer: (f) => ({ id: f.doomedCard.id, object: 'card', deleted: true }),
  },
  {
    name: 'test_customers_sources_get',
    call: (s, f) => s.customers.listSources(f.customer.id, { object: 'bank_account', limit: 3 }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/sources`), data: [f.bank] }),
  },
  {
    name: 'test_customers_sources_get_2',
    call: (s, f) => s.customers.listSources(f.customer.id, { object: 'card', limit: 3 }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/sources`), data: [f.card] }),
  },
  {
    name: 'test_customers_sources_get_3',
    call: (s, f) => s.customers.retrieveSource(f.customer.id, f.bank.id),
    answer: (f) => ({ id: f.bank.id, object: 'bank_account', customer: f.customer.id, status: 'new' }),
  },
  {
    name: 'test_customers_sources_get_4',
    call: (s, f) => s.customers.retrieveSource(f.customer.id, f.card.id),
    answer: (f) => ({ id: f.card.id, object: 'card', customer: f.customer.id, last4: '4242' }),
  },
  {
    name: 'test_customers_sources_post',
    call: (s, f) => s.customers.updateSource(f.customer.id, f.card.id, { name: 'Kamil' }),
    answer: (f) => ({ id: f.card.id, object: 'card', name: 'Kamil' }),
  },
  {
    // A placeholder token: with a real customer Stripe still finds no such token.
    name: 'test_customers_sources_post_2',
    call: (s, f) => s.customers.createSource(f.customer.id, { source: 'btok_xxxxxxxxxxxxx' }),
    refusal: () => ({
      statusCode: 404,
      type: invalidRequest,
      code: 'resource_missing',
      param: 'source',
      message: "No such token: 'btok_xxxxxxxxxxxxx'",
    }),
  },
  {
    name: 'test_customers_sources_post_3',
    call: (s, f) => s.customers.createSource(f.customer.id, { source: 'tok_xxxx' }),
    refusal: () => ({
      statusCode: 404,
      type: invalidRequest,
      code: 'resource_missing',
      param: 'source',
      message: "No such token: 'tok_xxxx'",
    }),
  },
  {
    name: 'test_customers_sources_post_4',
    call: (s, f) => s.customers.updateSource(f.customer.id, f.bank.id, metadata6735),
    answer: (f) => ({ id: f.bank.id, object: 'bank_account', ...metadata6735 }),
  },
  {
    name: 'test_customers_sources_post_5',
    call: (s, f) => s.customers.updateSource(f.customer.id, f.card.id, { name: 'Jenny Rosen' }),
    answer: (f) => ({ id: f.card.id, object: 'card', name: 'Jenny Rosen' }),
  },
  {
    name: 'test_customers_sources_verify_post',
    call: (s, f) => s.customers.verifySource(f.customer.id, f.bank.id, { amounts: [32, 45] }),
    answer: (f) => ({ id: f.bank.id, object: 'bank_account', status: 'verified' }),
  },
  {
    name: 'test_customers_tax_ids_delete',
    call: (s, f) => s.customers.deleteTaxId(f.customer.id, f.doomedTaxId.id),
    answer: (f) => ({ id: f.doomedTaxId.id, object: 'tax_id', deleted: true }),
  },
  {
    name: 'test_customers_tax_ids_get',
    call: (s, f) => s.customers.listTaxIds(f.customer.id, { limit: 3 }),
    answer: (f) => ({ ...list(`/v1/customers/${f.customer.id}/tax_ids`), data: [f.taxId] }),
  },
  {
    name: 'test_customers_tax_ids_get_2',
    call: (s, f) => s.customers.retrieveTaxId(f.customer.id, f.taxId.id),
    answer: (f) => ({ id: f.taxId.id, object: 'tax_id', type: 'eu_vat', value: 'DE123456789' }),
  },
  {
    name: 'test_customers_tax_ids_post',
    call: (s, f) => s.customers.createTaxId(f.customer.id, { type: 'eu_vat', value: 'DE123456789' }),
    answer: (f) => ({
      object: 'tax_id',
      customer: f.customer.id,
      type: 'eu_vat',
      value: 'DE123456789',
      country: 'DE',
    }),
  },
  {
    name: 'test_events_get',
    call: (s) => s.events.list({ limit: 3 }),
    answer: () => list('/v1/events'),
  },
  {
    name: 'test_events_get_2',
    call: (s, f) => s.events.retrieve(f.event.id),
    answer: (f) => ({ id: f.event.id, object: 'event', type: f.event.type }),
  },
  {
    // Stripe applies a balance only to a customer_balance intent waiting in requires_action,
    // which the simulator never reaches: it refuses the unconfirmed one.
    name: 'test_payment_intents_apply_customer_balance_post',
    call: (s, f) => s.paymentIntents.applyCustomerBalance(f.balanceIntent.id),
    refusal: () => ({
      statusCode: 400,
      type: invalidRequest,
      code: 'payment_intent_unexpected_state',
      message:
        'You cannot apply customer balance to this PaymentIntent because it has a status of requires_payment_method. Only a PaymentIntent with one of the following statuses may have customer balance applied: requires_action.',
    }),
  },
  {
    name: 'test_payment_intents_cancel_post',
    call: (s, f) => s.paymentIntents.cancel(f.openIntent.id),
    answer: (f) => ({ id: f.openIntent.id, object: 'payment_intent', status: 'canceled' }),
  },
  {
    name: 'test_payment_intents_capture_post',
    call: (s, f) => s.paymentIntents.capture(f.heldIntent.id),
    answer: (f) => ({ id: f.heldIntent.id, status: 'succeeded', amount_received: f.heldIntent.amount }),
  },
  {
    name: 'test_payment_intents_confirm_post',
    call: (s, f) => s.paymentIntents.confirm(f.cardIntent.id, { payment_method: 'pm_card_visa' }),
    answer: (f) => ({ id: f.cardIntent.id, object: 'payment_intent', status: 'succeeded' }),
  },
  {
    name: 'test_payment_intents_get',
    call: (s) => s.paymentIntents.list({ limit: 3 }),
    answer: () => ({ ...list('/v1/payment_intents'), has_more: true }),
  },
  {
    name: 'test_payment_intents_get_2',
    call: (s, f) => s.paymentIntents.retrieve(f.paidIntent.id),
    answer: (f) => ({ id: f.paidIntent.id, object: 'payment_intent', status: 'succeeded' }),
  },
  {
    name: 'test_payment_intents_increment_authorization_post',
    call: (s, f) => s.paymentIntents.incrementAuthorization(f.incrementableIntent.id, { amount: 2099 }),
    answer: (f) => ({
      id: f.incrementableIntent.id,
      status: 'requires_capture',
      amount: 2099,
      amount_capturable: 2099,
    }),
  },
  {
    name: 'test_payment_intents_post',
    call: (s) =>
      s.paymentIntents.create({
        amount: 1099,
        currency: 'eur',
        automatic_payment_methods: { enabled: true },
      }),
    answer: () => ({
      object: 'payment_intent',
      amount: 1099,
      currency: 'eur',
      status: 'requires_payment_method',
      automatic_payment_methods: { enabled: true, allow_redirects: 'always' },
    }),
  },
  {
    name: 'test_payment_intents_post_2',
    call: (s) =>
      s.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        automatic_payment_methods: { enabled: true },
      }),
    answer: () => ({
      object: 'payment_intent',
      amount: 2000,
      currency: 'usd',
      status: 'requires_payment_method',
    }),
  },
  {
    name: 'test_payment_intents_post_3',
    call: (s, f) => s.paymentIntents.update(f.cardIntent.id, metadata6735),
    answer: (f) => ({ id: f.cardIntent.id, object: 'payment_intent', ...metadata6735 }),
  },
  {
    // Przelewy24 takes eur and pln only.
    name: 'test_payment_intents_post_4',
    call: (s) =>
      s.paymentIntents.create({
        amount: 200,
        currency: 'usd',
        payment_method_data: { type: 'p24', p24: { bank: 'blik' } },
      }),
    refusal: () => ({
      statusCode: 400,
      type: invalidRequest,
      code: 'parameter_invalid_string',
      param: 'currency',
      message:
        'The currency provided (usd) is invalid for one or more payment method types on this PaymentIntent. The payment method type p24 only supports the following currencies: eur, pln. Either correct the provided currency, or use a different PaymentIntent to accept this payment method type.',
    }),
  },
  {
    name: 'test_payment_intents_search_get',
    call: (s) => s.paymentIntents.search({ query: "status:'succeeded' AND metadata['order_id']:'6735'" }),
    // The confirmed intent carries order 6735 too, from the update example above; newest first.
    answer: (f) => ({
      object: 'search_result',
      url: '/v1/payment_intents/search',
      data: [
        { id: f.paidIntent.id, status: 'succeeded' },
        { id: f.cardIntent.id, status: 'succeeded' },
      ],
    }),
  },
  {
    // Micro-deposits need a confirmed us_bank_account intent; the simulator confirms cards only.
    name: 'test_payment_intents_verify_microdeposits_post',
    call: (s, f) => s.paymentIntents.verifyMicrodeposits(f.bankIntent.id),
    refusal: () => ({
      statusCode: 400,
      type: invalidRequest,
      code: 'payment_intent_unexpected_state',
      message:
        "This PaymentIntent's payment method cannot be verified with micro-deposits: only a us_bank_account PaymentIntent in requires_action with next_action.type verify_with_microdeposits can be (this one is requires_payment_method).",
    }),
  },
  {
    name: 'test_payment_intents_verify_microdeposits_post_2',
    call: (s, f) => s.paymentIntents.verifyMicrodeposits(f.bankIntent.id, { amounts: [32, 45] }),
    refusal: () => ({
      statusCode: 400,
      type: invalidRequest,
      code: 'payment_intent_unexpected_state',
      message:
        "This PaymentIntent's payment method cannot be verified with micro-deposits: only a us_bank_account PaymentIntent in requires_action with next_action.type verify_with_microdeposits can be (this one is requires_payment_method).",
    }),
  },
  {
    name: 'test_payment_methods_attach_post',
    call: (s, f) => s.paymentMethods.attach(f.loosePaymentMethod.id, { customer: f.customer.id }),
    answer: (f) => ({ id: f.loosePaymentMethod.id, object: 'payment_method', customer: f.customer.id }),
  },
  {
    name: 'test_payment_methods_detach_post',
    call: (s, f) => s.paymentMethods.detach(f.detachablePaymentMethod.id),
    answer: (f) => ({ id: f.detachablePaymentMethod.id, object: 'payment_method', customer: null }),
  },
  {
    name: 'test_payment_methods_get',
    call: (s, f) => s.paymentMethods.list({ customer: f.customer.id, type: 'card' }),
    answer: () => list('/v1/payment_methods'),
  },
  {
    name: 'test_payment_methods_get_2',
    call: (s, f) => s.paymentMethods.retrieve(f.attachedPaymentMethod.id),
    answer: (f) => ({ id: f.attachedPaymentMethod.id, object: 'payment_method', type: 'card' }),
  },
  {
    // The example's card expired at the end of 2024.
    name: 'test_payment_methods_post',
    call: (s) =>
      s.paymentMethods.create({
        type: 'card',
        card: { number: '4242424242424242', exp_month: 8, exp_year: 2024, cvc: '314' },
      }),
    refusal: () => ({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'invalid_expiry_year',
      param: 'exp_year',
      message: "Your card's expiration year is invalid.",
    }),
  },
  {
    name: 'test_payment_methods_post_2',
    call: (s, f) => s.paymentMethods.update(f.attachedPaymentMethod.id, metadata6735),
    answer: (f) => ({ id: f.attachedPaymentMethod.id, object: 'payment_method', ...metadata6735 }),
  },
  {
    // Only a refund waiting in requires_action can be canceled; card refunds never wait.
    name: 'test_refunds_cancel_post',
    call: (s, f) => s.refunds.cancel(f.refund.id),
    refusal: (f) => ({
      statusCode: 400,
      type: invalidRequest,
      message: `Refund ${f.refund.id} cannot be canceled because it has a status of succeeded. Only a refund with a status of requires_action can be canceled.`,
    }),
  },
  {
    name: 'test_refunds_get',
    call: (s) => s.refunds.list({ limit: 3 }),
    answer: (f) => ({ ...list('/v1/refunds'), data: [expect.objectContaining({ id: f.refund.id })] }),
  },
  {
    name: 'test_refunds_get_2',
    call: (s, f) => s.refunds.retrieve(f.refund.id),
    answer: (f) => ({
      id: f.refund.id,
      object: 'refund',
      status: 'succeeded',
      payment_intent: f.refund.payment_intent,
    }),
  },
  {
    name: 'test_refunds_post',
    call: (s, f) => s.refunds.create({ charge: f.chargeToRefund }),
    answer: (f) => ({ object: 'refund', charge: f.chargeToRefund, amount: 1000, status: 'succeeded' }),
  },
  {
    name: 'test_refunds_post_2',
    call: (s, f) => s.refunds.update(f.refund.id, metadata6735),
    answer: (f) => ({ id: f.refund.id, object: 'refund', ...metadata6735 }),
  },
  {
    name: 'test_webhook_endpoints_delete',
    call: (s, f) => s.webhookEndpoints.del(f.doomedEndpoint.id),
    answer: (f) => ({ id: f.doomedEndpoint.id, object: 'webhook_endpoint', deleted: true }),
  },
  {
    name: 'test_webhook_endpoints_get',
    call: (s) => s.webhookEndpoints.list({ limit: 3 }),
    answer: (f) => ({ ...list('/v1/webhook_endpoints'), data: [{ id: f.endpoint.id }] }),
  },
  {
    name: 'test_webhook_endpoints_get_2',
    call: (s, f) => s.webhookEndpoints.retrieve(f.endpoint.id),
    answer: (f) => ({ id: f.endpoint.id, object: 'webhook_endpoint', url: f.endpoint.url }),
  },
  {
    name: 'test_webhook_endpoints_post',
    call: (s) =>
      s.webhookEndpoints.create({
        url: 'https://example.com/my/webhook/endpoint',
        enabled_events: ['charge.failed', 'charge.succeeded'],
      }),
    answer: () => ({
      object: 'webhook_endpoint',
      url: 'https://example.com/my/webhook/endpoint',
      enabled_events: ['charge.failed', 'charge.succeeded'],
      status: 'enabled',
      secret: expect.stringMatching(/^whsec_/),
    }),
  },
  {
    name: 'test_webhook_endpoints_post_2',
    call: (s, f) => s.webhookEndpoints.update(f.endpoint.id, { url: 'https://example.com/new_endpoint' }),
    answer: (f) => ({
      id: f.endpoint.id,
      object: 'webhook_endpoint',
      url: 'https://example.com/new_endpoint',
    }),
  },
]

/** The objects behind every placeholder, in the states the examples need. */
async function makeFixtures(s: Stripe): Promise<Fixtures> {
  const customer = await s.customers.create({
    name: 'fakename',
    email: 'jenny@example.com',
    metadata: { foo: 'bar' },
  })
  const doomedCustomer = await s.customers.create({ email: 'gone@example.com' })
  const balanceTxn = await s.customers.createBalanceTransaction(customer.id, {
    amount: 1000,
    currency: 'usd',
  })
  const card = (await s.customers.createSource(customer.id, { source: 'tok_visa' })) as Stripe.Card
  const bank = (await s.customers.createSource(customer.id, { source: 'btok_us' })) as Stripe.BankAccount
  const doomedCard = (await s.customers.createSource(customer.id, {
    source: 'tok_mastercard',
  })) as Stripe.Card
  const doomedBank = (await s.customers.createSource(customer.id, {
    source: 'btok_us_verified',
  })) as Stripe.BankAccount
  const doomedTaxId = await s.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE987654321' })
  const taxId = await s.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE123456789' })
  const visa = { type: 'card', card: { token: 'tok_visa' } } as const
  const loosePaymentMethod = await s.paymentMethods.create(visa)
  const attachedPaymentMethod = await s.paymentMethods.attach((await s.paymentMethods.create(visa)).id, {
    customer: customer.id,
  })
  const detachablePaymentMethod = await s.paymentMethods.attach((await s.paymentMethods.create(visa)).id, {
    customer: customer.id,
  })
  const cardOnly = { amount: 1000, currency: 'usd', allowed_payment_method_types: ['card'] }
  const held = {
    ...cardOnly,
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
  } as const
  const paid = { ...cardOnly, payment_method: 'pm_card_visa', confirm: true }
  const balanceIntent = await s.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    customer: customer.id,
    allowed_payment_method_types: ['customer_balance'],
  })
  const bankIntent = await s.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    allowed_payment_method_types: ['us_bank_account'],
  })
  const openIntent = await s.paymentIntents.create(cardOnly)
  const cardIntent = await s.paymentIntents.create(cardOnly)
  const heldIntent = await s.paymentIntents.create(held)
  const incrementableIntent = await s.paymentIntents.create({
    ...held,
    amount: 1099,
    payment_method_options: { card: { request_incremental_authorization: 'if_available' } },
  })
  const refunded = await s.paymentIntents.create(paid)
  const refund = await s.refunds.create({ payment_intent: refunded.id, amount: 300 })
  const toRefund = await s.paymentIntents.create(paid)
  const paidIntent = await s.paymentIntents.create({ ...paid, ...metadata6735 })
  const [event] = (await s.events.list({ limit: 1 })).data
  if (!event) throw new Error('Failed to set up the examples: the simulator recorded no event')
  // Endpoints for an event that never occurs here, so nothing is sent to example.com.
  const quiet: Stripe.WebhookEndpointCreateParams = {
    url: 'https://example.com/placeholder',
    enabled_events: ['charge.dispute.closed'],
  }
  const doomedEndpoint = await s.webhookEndpoints.create(quiet)
  const endpoint = await s.webhookEndpoints.create(quiet)
  return {
    customer,
    doomedCustomer,
    balanceTxn,
    card,
    bank,
    doomedCard,
    doomedBank,
    taxId,
    doomedTaxId,
    event,
    balanceIntent,
    openIntent,
    cardIntent,
    heldIntent,
    incrementableIntent,
    paidIntent,
    bankIntent,
    chargeToRefund: String(toRefund.latest_charge),
    refund,
    loosePaymentMethod,
    attachedPaymentMethod,
    detachablePaymentMethod,
    endpoint,
    doomedEndpoint,
  }
}

let h: Harness
let fixtures: Fixtures
beforeAll(async () => {
  h = await startHarness()
  fixtures = await makeFixtures(h.stripe)
})
afterAll(async () => {
  await h.close()
})

describe("The stripe client's own examples, with real objects", () => {
  it('covers each of the 66 examples once', () => {
    expect(new Set(examples.map((e) => e.name)).size).toBe(66)
  })

  // In table order: the deleting examples come before the ones that read what is left.
  it.each(examples)('$name', async ({ call, answer, refusal }) => {
    if (refusal) {
      const error = await rejection(call(h.stripe, fixtures))
      const want = refusal(fixtures)
      expect(error).toMatchObject(want)
      if (want.param === undefined) expect(error?.param).toBeUndefined()
      return
    }
    expect(await call(h.stripe, fixtures)).toMatchObject(answer?.(fixtures) ?? {})
  })

  it('lists what the examples made and left', async () => {
    const { customer, card, bank, taxId } = fixtures
    expect(ids(await h.stripe.customers.listSources(customer.id))).toEqual([bank.id, card.id])
    expect(ids(await h.stripe.customers.listTaxIds(customer.id))).toHaveLength(2)
    expect(ids(await h.stripe.customers.listTaxIds(customer.id))).toContain(taxId.id)
    expect(await h.stripe.customers.retrieve(customer.id)).toMatchObject({ balance: 500 })
  })
})
