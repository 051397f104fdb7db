/*
 * AvaTax enumerations as the wire carries them: by name (`"SalesInvoice"`, any case) or by number
 * (`1`, or `"1"` in a query string). The official JavaScript client's enums are numeric, so a
 * model built with `DocumentType.SalesInvoice` arrives as `1`; AvaTax itself accepts both.
 */

/** An enumeration from its names in order: name `i` has number `i`. */
function enumeration<const N extends string>(
  names: readonly N[],
): { parse(value: unknown): N | undefined; names: readonly N[] } {
  return {
    names,
    parse(value) {
      if (typeof value === 'number' && Number.isInteger(value)) return names[value]
      if (typeof value !== 'string') return undefined
      if (/^\d+$/.test(value)) return names[Number(value)]
      const lower = value.toLowerCase()
      return names.find((name) => name.toLowerCase() === lower)
    },
  }
}

/** `DocumentType`: only the first six are modelled (sales and returns, orders and invoices). */
export const documentTypes = enumeration([
  'SalesOrder',
  'SalesInvoice',
  'PurchaseOrder',
  'PurchaseInvoice',
  'ReturnOrder',
  'ReturnInvoice',
])

/** `VoidReasonCode`. */
export const voidReasonCodes = enumeration([
  'Unspecified',
  'PostFailed',
  'DocDeleted',
  'DocVoided',
  'AdjustmentCancelled',
])

/** `AdjustmentReason`. */
export const adjustmentReasons = enumeration([
  'NotAdjusted',
  'SourcingIssue',
  'ReconciledWithGeneralLedger',
  'ExemptCertApplied',
  'PriceAdjusted',
  'ProductReturned',
  'ProductExchanged',
  'BadDebt',
  'Other',
  'Offline',
  'Offset',
])

/** `RefundType`. */
export const refundTypes = enumeration(['Full', 'Partial', 'TaxOnly', 'Percentage'])

/** `TextCase` of address resolution. */
export const textCases = enumeration(['Upper', 'Mixed'])
