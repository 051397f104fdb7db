import type { JourneyContext } from '../../lib/journey-context.js'
import type { Money } from '../money.js'

/** Sift's decision categories, lower case as its API writes them. */
export type FraudCategory = 'accept' | 'watch' | 'block'

/** What the fraud vendor decided about one order. */
export interface FraudAssessment {
  category: FraudCategory
  /** The workflow decision's id (`order_looks_ok_payment_abuse`), when the vendor gave one. */
  decisionId: string | undefined
  /** The payment-abuse score in [0, 1], when the vendor gave one. */
  score: number | undefined
}

/** One order to assess. */
export interface FraudRequest {
  orderId: string
  /** The customer's email, when the checkout carried one (it is what the vendor scores). */
  email: string | undefined
  amount: Money
  /** The game-day journey the call is made for, sent on as `baggage`. */
  journey?: JourneyContext | undefined
}

/** The platform's view of the fraud vendor. Every failure is thrown as a `VendorError`. */
export interface FraudClient {
  assess(request: FraudRequest): Promise<FraudAssessment>
  /** False while the breaker is open. */
  isAvailable(): boolean
  close(): Promise<void>
}
