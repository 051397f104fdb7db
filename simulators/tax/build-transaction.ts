import { documentTypes } from './avatax-enums.js'
import { computeTax } from './compute-tax.js'
import { invalid, optionalString, outOfRange, required, type ModelFault } from './model-fault.js'
import type { DocumentType, TaxTransaction } from './tax-records.js'

/** The types a transaction may have here: sales and returns, as quotes (orders) or invoices. */
const modelled: readonly DocumentType[] = ['SalesOrder', 'SalesInvoice', 'ReturnOrder', 'ReturnInvoice']

/** A transaction before the simulator gives it an id and (when the caller gave none) a code. */
export type TransactionDraft = Omit<TaxTransaction, 'id' | 'code' | 'version'> & { code: string | undefined }

/** What building a transaction from a CreateTransactionModel gives: the draft, or the field at fault. */
export type BuildResult = { ok: true; draft: TransactionDraft; commit: boolean } | ModelFault

type Address = TaxTransaction['shipTo']
const addressFields = ['line1', 'city', 'region', 'country', 'postalCode'] as const

/** The address that decides the tax: where goods go, else the one place of sale. */
function addressOf(addresses: unknown): { ok: true; address: Address } | ModelFault {
  if (addresses === undefined || addresses === null) return required('addresses')
  if (typeof addresses !== 'object' || Array.isArray(addresses)) return invalid('addresses', 'an object')
  const all = addresses as Record<string, unknown>
  const name = ['shipTo', 'singleLocation', 'pointOfOrderAcceptance', 'shipFrom'].find(
    (key) => all[key] !== undefined && all[key] !== null,
  )
  if (name === undefined) return required('addresses.shipTo')
  const chosen = all[name]
  if (typeof chosen !== 'object' || chosen === null || Array.isArray(chosen))
    return invalid(`addresses.${name}`, 'an address object')
  const a = chosen as Record<string, unknown>
  const address: Address = {}
  for (const key of addressFields) {
    const checked = optionalString(a[key], `addresses.${name}.${key}`)
    if (!checked.ok) return checked
    if (checked.value !== undefined) address[key] = checked.value
  }
  return { ok: true, address }
}

/** A calendar date as AvaTax takes it: `YYYY-MM-DD`, or a date-time whose date part is used. */
function dateOf(value: unknown): { ok: true; date: string } | ModelFault {
  if (value === undefined || value === null) return required('date')
  if (typeof value !== 'string') return invalid('date', 'a date (YYYY-MM-DD)')
  const date = value.slice(0, 10)
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = parsed ? Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])) : NaN
  if (!parsed || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    return invalid('date', 'a date (YYYY-MM-DD)')
  return { ok: true, date }
}

/**
 * Validates a CreateTransactionModel and computes its tax (minor units inside). Checks every
 * field before anything is kept, so a refused model saves nothing.
 */
export function buildTransaction(body: unknown, nowMs: number): BuildResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid('model', 'a CreateTransactionModel object')
  const m = body as Record<string, unknown>
  const type = m.type === undefined || m.type === null ? 'SalesOrder' : documentTypes.parse(m.type)
  if (type === undefined || !modelled.includes(type as DocumentType))
    return invalid('type', `one of ${modelled.join(', ')}`)
  const strings: Record<string, string | undefined> = {}
  for (const key of ['companyCode', 'code', 'customerCode', 'currencyCode', 'referenceCode', 'description']) {
    const checked = optionalString(m[key], key)
    if (!checked.ok) return checked
    strings[key] = checked.value
  }
  if (!strings.customerCode) return required('customerCode')
  const code = strings.code === '' ? undefined : strings.code
  if (code !== undefined && code.length > 50) return outOfRange('code', 'at most 50 characters')
  const currencyCode = (strings.currencyCode ?? 'USD').toUpperCase()
  if (!/^[A-Z]{3}$/.test(currencyCode)) return invalid('currencyCode', 'an ISO 4217 currency code')
  const date = dateOf(m.date)
  if (!date.ok) return date
  if (m.commit !== undefined && m.commit !== null && typeof m.commit !== 'boolean')
    return invalid('commit', 'true or false')
  const shipTo = addressOf(m.addresses)
  if (!shipTo.ok) return shipTo
  const computed = computeTax(m.lines, shipTo.address, currencyCode)
  if (!computed.ok) return computed
  const lines = computed.lines
  const total = lines.reduce((s, l) => s + l.amountMinor, 0)
  const exempt = lines.filter((l) => l.exempt).reduce((s, l) => s + l.amountMinor, 0)
  const commit = m.commit === true
  const saved = type === 'SalesInvoice' || type === 'ReturnInvoice'
  return {
    ok: true,
    commit,
    draft: {
      code,
      companyCode: strings.companyCode || 'DEFAULT',
      type: type as DocumentType,
      status: !saved ? 'Temporary' : commit ? 'Committed' : 'Saved',
      date: date.date,
      customerCode: strings.customerCode,
      currencyCode,
      shipTo: shipTo.address,
      lines,
      totalAmountMinor: total,
      totalTaxMinor: lines.reduce((s, l) => s + l.taxMinor, 0),
      totalTaxableMinor: total - exempt,
      totalExemptMinor: exempt,
      adjustmentReason: null,
      referenceCode: strings.referenceCode ?? null,
      modifiedDate: new Date(nowMs).toISOString(),
    },
  }
}
