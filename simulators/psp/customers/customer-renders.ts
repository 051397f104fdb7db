import type {
  BalanceTransactionRecord,
  CashBalanceRecord,
  CashTransactionRecord,
  SourceRecord,
  TaxIdRecord,
} from './customer-books.js'

/** Renders a customer balance transaction (`cbtxn_…`). */
export function renderBalanceTransaction(t: BalanceTransactionRecord): Record<string, unknown> {
  return {
    id: t.id,
    object: 'customer_balance_transaction',
    amount: t.amount,
    checkout_session: null,
    created: t.created,
    credit_note: null,
    currency: t.currency,
    customer: t.customer,
    description: t.description,
    ending_balance: t.endingBalance,
    invoice: null,
    livemode: false,
    metadata: t.metadata,
    type: t.type,
  }
}

/** Renders a customer tax id (`txi_…`). */
export function renderTaxId(t: TaxIdRecord): Record<string, unknown> {
  return {
    id: t.id,
    object: 'tax_id',
    country: t.country,
    created: t.created,
    customer: t.customer,
    livemode: false,
    owner: { customer: t.customer, type: 'customer' },
    type: t.type,
    value: t.value,
    verification: {
      status: t.verification.status,
      verified_address: t.verification.verifiedAddress,
      verified_name: t.verification.verifiedName,
    },
  }
}

/** Renders a customer's cash balance (`available` is null until funds first arrive). */
export function renderCashBalance(customer: string, cash: CashBalanceRecord): Record<string, unknown> {
  return {
    object: 'cash_balance',
    available: Object.keys(cash.available).length === 0 ? null : { ...cash.available },
    customer,
    livemode: false,
    settings: {
      reconciliation_mode: cash.reconciliationMode ?? 'automatic',
      using_merchant_default: cash.reconciliationMode === null,
    },
  }
}

/** Renders a cash balance transaction (`ccsbtxn_…`). */
export function renderCashTransaction(t: CashTransactionRecord): Record<string, unknown> {
  return {
    id: t.id,
    object: 'customer_cash_balance_transaction',
    created: t.created,
    currency: t.currency,
    customer: t.customer,
    ending_balance: t.endingBalance,
    funded: { bank_transfer: { reference: t.reference, type: bankTransferOf(t.currency) } },
    livemode: false,
    net_amount: t.netAmount,
    type: t.type,
  }
}

/** The bank transfer type that funds a currency. */
export function bankTransferOf(currency: string): string {
  return (
    { eur: 'eu_bank_transfer', gbp: 'gb_bank_transfer', jpy: 'jp_bank_transfer', mxn: 'mx_bank_transfer' }[
      currency
    ] ?? 'us_bank_transfer'
  )
}

/** Renders a card or bank account source. */
export function renderSource(s: SourceRecord): Record<string, unknown> {
  if (s.object === 'bank_account')
    return {
      id: s.id,
      object: 'bank_account',
      account_holder_name: s.accountHolderName,
      account_holder_type: s.accountHolderType,
      account_type: null,
      bank_name: 'STRIPE TEST BANK',
      country: 'US',
      currency: 'usd',
      customer: s.customer,
      fingerprint: fingerprint(s.id),
      last4: s.last4,
      metadata: s.metadata,
      routing_number: s.routingNumber,
      status: s.status,
    }
  return {
    id: s.id,
    object: 'card',
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: null,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: null,
    brand: s.brand,
    country: 'US',
    customer: s.customer,
    cvc_check: 'pass',
    dynamic_last4: null,
    exp_month: s.expMonth,
    exp_year: s.expYear,
    fingerprint: fingerprint(`${s.brand}${s.last4}`),
    funding: s.funding,
    last4: s.last4,
    metadata: s.metadata,
    name: s.name,
    tokenization_method: null,
    wallet: null,
  }
}

/** A stable 16-character fingerprint (FNV-1a), so one test card always has the same one. */
function fingerprint(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let h = 2166136261
  for (let j = 0; j < seed.length; j++) h = Math.imul(h ^ seed.charCodeAt(j), 16777619)
  let out = ''
  for (let i = 0; i < 16; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0
    out += alphabet[(h >>> 8) % alphabet.length]
  }
  return out
}
