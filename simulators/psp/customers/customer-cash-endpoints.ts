import { stripeErrors } from '../../error-codes.js'
import { isFailure, liveCustomer } from './customer-lookup.js'
import { renderCashBalance, renderCashTransaction } from './customer-renders.js'
import type { FormObject } from '../wire/form-body.js'
import { currency, int, missing, oneOf, rejectUnknown, str, strArray } from '../wire/form-params.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import type { CustomerRecord } from '../psp-records.js'
import { invalidParam, resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  return { ok: true, body: renderCashBalance(customer.id, ctx.state.customerBooks.cashOf(customer.id)) }
}

/** `settings[reconciliation_mode]`: `automatic`, `manual`, or `merchant_default` (back to the default). */
function update(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  rejectUnknown(input.form, new Set(['settings']))
  const settings = input.form.settings
  const cash = ctx.state.customerBooks.cashOf(customer.id)
  if (settings !== undefined) {
    if (typeof settings !== 'object') throw missing('settings[reconciliation_mode]')
    rejectUnknown(prefixed('settings', settings), new Set(['settings[reconciliation_mode]']))
    const mode = oneOf(prefixed('settings', settings), 'settings[reconciliation_mode]', [
      'automatic',
      'manual',
      'merchant_default',
    ] as const)
    if (mode !== undefined) cash.reconciliationMode = mode === 'merchant_default' ? null : mode
  }
  return { ok: true, body: renderCashBalance(customer.id, cash) }
}

/** A nested hash with its keys spelled as Stripe names them in errors (`settings[x]`). */
function prefixed(name: string, value: FormObject): FormObject {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [`${name}[${k}]`, v]))
}

function listTransactions(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const books = ctx.state.customerBooks.cashTransactions
  return listPage(
    input,
    `/v1/customers/${customer.id}/cash_balance_transactions`,
    books.ids(customer.id),
    (id) => {
      const txn = books.byId.get(id)
      return txn ? renderCashTransaction(txn) : undefined
    },
  )
}

function retrieveTransaction(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const id = input.params.txn ?? ''
  const txn = ctx.state.customerBooks.cashTransactions.of(customer.id, id)
  if (!txn)
    return {
      ok: false,
      saved: false,
      failure: resourceMissing('id', id, 'customer cash balance transaction'),
    }
  return { ok: true, body: renderCashTransaction(txn) }
}

/**
 * `POST /v1/test_helpers/customers/{id}/fund_cash_balance` (`stripe.testHelpers.customers.fundCashBalance`):
 * plays a bank transfer arriving, which in Stripe comes from the customer's bank.
 */
function fund(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  rejectUnknown(input.form, new Set(['amount', 'currency', 'reference']))
  const amount = int(input.form, 'amount', 1) ?? missing('amount')
  const cur = currency(input.form) ?? missing('currency')
  const cash = ctx.state.customerBooks.cashOf(customer.id)
  const balance = (cash.available[cur] ?? 0) + amount
  cash.available = { ...cash.available, [cur]: balance }
  const txn = ctx.state.customerBooks.cashTransactions.add({
    id: ctx.ids.next('ccsbtxn', 14),
    customer: customer.id,
    currency: cur,
    created: Math.floor(input.nowMs / 1000),
    type: 'funded',
    netAmount: amount,
    endingBalance: balance,
    reference: str(input.form, 'reference', 140) ?? `REF-${customer.id.slice(-6)}`,
  })
  return { ok: true, body: renderCashTransaction(txn) }
}

/** Each bank transfer type, the one currency it funds, and its country. */
const transferTypes = {
  eu_bank_transfer: { currency: 'eur', country: undefined },
  gb_bank_transfer: { currency: 'gbp', country: 'GB' },
  jp_bank_transfer: { currency: 'jpy', country: 'JP' },
  mx_bank_transfer: { currency: 'mxn', country: 'MX' },
  us_bank_transfer: { currency: 'usd', country: 'US' },
} as const
type TransferType = keyof typeof transferTypes
const euCountries = ['BE', 'DE', 'ES', 'FR', 'IE', 'NL'] as const

/**
 * `POST /v1/customers/{id}/funding_instructions`: where the customer sends a bank transfer to
 * fund its cash balance. The same customer, type and currency always get the same account.
 */
function fundingInstructions(ctx: PspContext, input: OpInput): OpResult {
  const customer = liveCustomer(ctx, input.params.id ?? '')
  if (isFailure(customer)) return customer
  const { form } = input
  rejectUnknown(form, new Set(['bank_transfer', 'currency', 'funding_type']))
  const fundingType = oneOf(form, 'funding_type', ['bank_transfer'] as const) ?? missing('funding_type')
  const cur = currency(form) ?? missing('currency')
  const bank = form.bank_transfer
  if (bank === undefined) return missing('bank_transfer')
  if (typeof bank !== 'object') return missing('bank_transfer[type]')
  const b = prefixed('bank_transfer', bank)
  rejectUnknown(
    b,
    new Set([
      'bank_transfer[type]',
      'bank_transfer[eu_bank_transfer]',
      'bank_transfer[requested_address_types]',
    ]),
  )
  const type =
    oneOf(b, 'bank_transfer[type]', Object.keys(transferTypes) as TransferType[]) ??
    missing('bank_transfer[type]')
  strArray(b, 'bank_transfer[requested_address_types]')
  const wanted = transferTypes[type].currency
  if (cur !== wanted)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'currency',
        `The currency ${cur} is not supported for bank transfers of type ${type}; use ${wanted}.`,
        stripeErrors.parameter_invalid_string,
      ),
    }
  let country: string = transferTypes[type].country ?? ''
  if (type === 'eu_bank_transfer') {
    const eu = b['bank_transfer[eu_bank_transfer]']
    const given =
      typeof eu === 'object'
        ? str(prefixed('bank_transfer[eu_bank_transfer]', eu), 'bank_transfer[eu_bank_transfer][country]')
        : undefined
    if (given === undefined) return missing('bank_transfer[eu_bank_transfer][country]')
    if (!(euCountries as readonly string[]).includes(given))
      return {
        ok: false,
        saved: false,
        failure: invalidParam(
          'bank_transfer[eu_bank_transfer][country]',
          `Invalid bank_transfer[eu_bank_transfer][country]: must be one of ${euCountries.join(', ')}`,
        ),
      }
    country = given
  }
  return {
    ok: true,
    body: {
      object: 'funding_instructions',
      bank_transfer: { country, financial_addresses: [addressOf(type, country, customer)], type },
      currency: cur,
      funding_type: fundingType,
      livemode: false,
    },
  }
}

/** A test account number derived from the customer id, so it is the same on every call. */
function digits(customer: CustomerRecord, n: number): string {
  let h = 7
  for (const c of customer.id) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0
  return String(h).padStart(n, '0').slice(-n)
}

function addressOf(type: TransferType, country: string, customer: CustomerRecord): Record<string, unknown> {
  switch (type) {
    case 'eu_bank_transfer':
      return {
        iban: {
          account_holder_name: 'Stripe Technology Europe Limited',
          bic: 'SXPYDEHH',
          country,
          iban: `${country}00TEST${digits(customer, 14)}`,
        },
        supported_networks: ['sepa'],
        type: 'iban',
      }
    case 'gb_bank_transfer':
      return {
        sort_code: {
          account_holder_name: 'Stripe Payments UK Limited',
          account_number: digits(customer, 8),
          sort_code: '108800',
        },
        supported_networks: ['bacs', 'fps'],
        type: 'sort_code',
      }
    case 'jp_bank_transfer':
      return {
        zengin: {
          account_holder_name: 'ストライプジャパン（カ',
          account_number: digits(customer, 7),
          account_type: 'futsu',
          bank_code: '0001',
          bank_name: 'テスト銀行',
          branch_code: '001',
          branch_name: 'テスト支店',
        },
        supported_networks: ['zengin'],
        type: 'zengin',
      }
    case 'mx_bank_transfer':
      return {
        spei: { bank_code: '002', bank_name: 'BANAMEX', clabe: `002180${digits(customer, 12)}` },
        supported_networks: ['spei'],
        type: 'spei',
      }
    case 'us_bank_transfer':
      return {
        aba: {
          account_number: digits(customer, 12),
          bank_name: 'STRIPE TEST BANK',
          routing_number: '110000000',
        },
        supported_networks: ['ach', 'domestic_wire_us'],
        type: 'aba',
      }
    default: {
      const never: never = type
      return never
    }
  }
}

/** Cash balance, its transactions, funding instructions, and the test helper that funds it. */
export const customerCashEndpoints: Endpoint[] = [
  {
    method: 'GET',
    path: '/v1/customers/:id/cash_balance',
    answers: { object: 'cash_balance' },
    run: retrieve,
  },
  {
    method: 'POST',
    path: '/v1/customers/:id/cash_balance',
    answers: { object: 'cash_balance' },
    run: update,
  },
  {
    method: 'GET',
    path: '/v1/customers/:id/cash_balance_transactions',
    answers: { object: 'customer_cash_balance_transaction', list: true },
    run: listTransactions,
  },
  {
    method: 'GET',
    path: '/v1/customers/:id/cash_balance_transactions/:txn',
    answers: { object: 'customer_cash_balance_transaction' },
    run: retrieveTransaction,
  },
  {
    method: 'POST',
    path: '/v1/customers/:id/funding_instructions',
    answers: { object: 'funding_instructions' },
    run: fundingInstructions,
  },
  {
    method: 'POST',
    path: '/v1/test_helpers/customers/:id/fund_cash_balance',
    answers: { object: 'customer_cash_balance_transaction' },
    run: fund,
  },
]
