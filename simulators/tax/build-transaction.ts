import type { VendorIds } from '../core/vendor-ids.js'
import { computeTax } from './compute-tax.js'
import type { DocumentType, TaxTransaction } from './tax-records.js'

const documentTypes: readonly DocumentType[] = ['SalesOrder', 'SalesInvoice', 'ReturnOrder', 'ReturnInvoice']

/** What building a transaction from a CreateTransactionModel gives: the record, or the field at fault. */
export type BuildResult =
  { ok: true; transaction: TaxTransaction; commit: boolean } | { ok: false; field: string; message: string }

type Address = TaxTransaction['shipTo']

function addressOf(addresses: unknown): Address | undefined {
  if (typeof addresses !== 'object' || addresses === null) return undefined
  const all = addresses as Record<string, unknown>
  const chosen = all.shipTo ?? all.singleLocation ?? all.pointOfOrderAcceptance
  if (typeof chosen !== 'object' || chosen === null) return undefined
  const a = chosen as Record<string, unknown>
  const pick = (k: string): Record<string, string> => (typeof a[k] === 'string' ? { [k]: a[k] } : {})
  return { ...pick('line1'), ...pick('city'), ...pick('region'), ...pick('country'), ...pick('postalCode') }
}

/**
 * Validates a CreateTransactionModel and computes its tax (minor units inside).
 * @param existing the saved transaction with the same code, whose id and version carry over
 */
export function buildTransaction(
  body: unknown,
  ids: VendorIds,
  nowMs: number,
  nextId: number,
  existing?: TaxTransaction,
): BuildResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, field: 'model', message: 'The request body must be a CreateTransactionModel object' }
  const m = body as Record<string, unknown>
  const type = (m.type ?? 'SalesOrder') as DocumentType
  if (!documentTypes.includes(type))
    return { ok: false, field: 'type', message: `type must be one of ${documentTypes.join(', ')}` }
  const companyCode = typeof m.companyCode === 'string' && m.companyCode !== '' ? m.companyCode : 'DEFAULT'
  if (typeof m.customerCode !== 'string' || m.customerCode === '')
    return { ok: false, field: 'customerCode', message: 'customerCode is required' }
  if (m.code !== undefined && (typeof m.code !== 'string' || m.code.length === 0 || m.code.length > 50))
    return { ok: false, field: 'code', message: 'code must be a string of 1 to 50 characters' }
  const currencyCode = typeof m.currencyCode === 'string' ? m.currencyCode.toUpperCase() : 'USD'
  if (!/^[A-Z]{3}$/.test(currencyCode))
    return { ok: false, field: 'currencyCode', message: 'currencyCode must be ISO 4217' }
  const date = typeof m.date === 'string' ? m.date.slice(0, 10) : new Date(nowMs).toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    return { ok: false, field: 'date', message: 'date must be YYYY-MM-DD' }
  if (m.commit !== undefined && typeof m.commit !== 'boolean')
    return { ok: false, field: 'commit', message: 'commit must be a boolean' }
  const shipTo = addressOf(m.addresses)
  if (!shipTo)
    return {
      ok: false,
      field: 'addresses',
      message: 'addresses.shipTo or addresses.singleLocation is required',
    }
  const computed = computeTax(m.lines, shipTo, currencyCode)
  if (!computed.ok) return computed
  const lines = computed.lines
  const total = lines.reduce((s, l) => s + l.amountMinor, 0)
  const exempt = lines.filter((l) => l.exempt).reduce((s, l) => s + l.amountMinor, 0)
  const commit = m.commit === true
  const saved = type === 'SalesInvoice' || type === 'ReturnInvoice'
  return {
    ok: true,
    commit,
    transaction: {
      id: existing?.id ?? nextId,
      code: typeof m.code === 'string' ? m.code : ids.random(8) + '-' + ids.random(12),
      companyCode,
      type,
      status: !saved ? 'Temporary' : commit ? 'Committed' : 'Saved',
      date,
      customerCode: m.customerCode,
      currencyCode,
      shipTo,
      lines,
      totalAmountMinor: total,
      totalTaxMinor: lines.reduce((s, l) => s + l.taxMinor, 0),
      totalTaxableMinor: total - exempt,
      totalExemptMinor: exempt,
      version: (existing?.version ?? 0) + 1,
      adjustmentReason: null,
      modifiedDate: new Date(nowMs).toISOString(),
    },
  }
}
