import type { Jurisdiction } from './jurisdictions.js'

/** AvaTax document types: orders are quotes (never saved), invoices are saved. */
export type DocumentType = 'SalesOrder' | 'SalesInvoice' | 'ReturnOrder' | 'ReturnInvoice'

/** AvaTax document statuses. */
export type DocumentStatus = 'Temporary' | 'Saved' | 'Committed' | 'Cancelled' | 'Adjusted'

/** One computed line, in minor units. */
export interface TaxLine {
  lineNumber: string
  quantity: number
  amountMinor: number
  taxCode: string
  itemCode: string | null
  description: string | null
  exempt: boolean
  taxMinor: number
  details: Array<{ jurisdiction: Jurisdiction; taxMinor: number }>
}

/** A tax transaction as the simulator keeps it: integer minor units throughout. */
export interface TaxTransaction {
  id: number
  code: string
  companyCode: string
  type: DocumentType
  status: DocumentStatus
  date: string
  customerCode: string
  currencyCode: string
  shipTo: { line1?: string; city?: string; region?: string; country?: string; postalCode?: string }
  lines: TaxLine[]
  totalAmountMinor: number
  totalTaxMinor: number
  totalTaxableMinor: number
  totalExemptMinor: number
  version: number
  adjustmentReason: string | null
  /** The caller's `referenceCode`; a refund made by `/refund` without one names the original's code. */
  referenceCode: string | null
  modifiedDate: string
}

/** One entry of the tax simulator's ledger (minor units): every saved change of a document. */
export interface TaxLedgerEntry {
  id: string
  /** `replace`: an uncommitted document created again with the same code. */
  type: 'create' | 'replace' | 'commit' | 'uncommit' | 'void' | 'adjust' | 'refund'
  companyCode: string
  code: string
  documentType: DocumentType
  status: DocumentStatus
  totalAmountMinor: number
  totalTaxMinor: number
  currency: string
  createdAt: string
}
