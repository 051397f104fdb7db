import type { JourneyContext } from '../../lib/journey-context.js'
import type { CurrencyCode, Money } from '../money.js'

/** One line of an order as the tax vendor sees it: the line total in minor units. */
export interface TaxLine {
  sku: string
  quantity: number
  amountMinor: number
}

/** What a quote or an invoice is computed for. */
export interface TaxRequest {
  orderId: string
  /** The customer (AvaTax `customerCode`). */
  customerCode: string
  currency: CurrencyCode
  lines: readonly TaxLine[]
  /** The game-day journey the call is made for, sent on as `baggage`. */
  journey?: JourneyContext | undefined
}

/** The platform's view of the tax vendor. Every failure is thrown as a `VendorError`. */
export interface TaxClient {
  /** A quote (AvaTax `SalesOrder`: computed, never saved). */
  quote(request: TaxRequest): Promise<{ tax: Money }>
  /**
   * Records the sale (AvaTax `SalesInvoice`, committed) under a code derived from the order, so a
   * retry after a lost answer finds it committed instead of recording it twice.
   */
  commit(request: TaxRequest): Promise<{ tax: Money; documentCode: string }>
  /** Voids the order's document: `'not_found'` when there is none, `'voided'` otherwise (also when it was). */
  void(orderId: string, journey?: JourneyContext): Promise<'voided' | 'not_found'>
  /**
   * Refunds the order's committed invoice with a committed `ReturnInvoice` coded `refundCode`:
   * all of it, or `percentage` % of each line. A return already recorded under that code (an
   * earlier try whose answer was lost) counts as done.
   */
  refund(request: TaxRefundRequest): Promise<{ documentCode: string }>
  /** False while the breaker is open. */
  isAvailable(): boolean
  close(): Promise<void>
}

/** The AvaTax document code of an order's invoice (AvaTax codes are 1–50 characters). */
export function taxDocumentCode(orderId: string): string {
  return orderId.slice(0, 50)
}

/** A refund of an order's committed invoice (AvaTax RefundTransaction). */
export interface TaxRefundRequest {
  orderId: string
  /** The return's document code, derived from the platform's refund (1–50 characters). */
  refundCode: string
  /** `undefined` refunds it all (`Full`); else above 0 and at most 100 (`Percentage`). */
  percentage: number | undefined
  journey?: JourneyContext | undefined
}
