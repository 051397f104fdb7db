import type { FraudClient } from '../fraud/fraud-client.js'
import type { CurrencyCode } from '../money.js'
import type { ManualCapturePsp } from '../payments/psp-manual-capture.js'
import type { TaxRateCache } from '../tax/tax-estimate.js'
import type { TaxClient } from '../tax/tax-client.js'

/**
 * The vendors of the checkout saga and what its fallbacks need. Present only when the platform's
 * config names both `taxUrl` and `fraudUrl`; without it checkout calls the PSP alone.
 */
export interface SagaVendors {
  tax: TaxClient
  fraud: FraudClient
  /** The PSP's manual-capture calls (the same client as the PSP-only checkout's). */
  psp: ManualCapturePsp
  /** `tax-fallback`'s rate table, learned from the quotes the tax vendor answers. */
  taxRates: TaxRateCache
  /** `fraud-fail-open`'s limits, minor units per currency: accept below, hold at or above. */
  failOpenLimits: Readonly<Record<CurrencyCode, number>>
  /** Closes the tax and fraud clients (the PSP client is closed by its owner). */
  close(): Promise<void>
}
