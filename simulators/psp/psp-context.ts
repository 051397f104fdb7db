import type { IntentRecord } from './psp-records.js'
import type { VendorIds } from '../core/vendor-ids.js'
import type { IdempotencyStore } from './wire/idempotency-store.js'
import type { PspState } from './psp-state.js'
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher.js'

/** What every PSP endpoint works with: state, ids, the clock, the idempotency layer. */
export interface PspContext {
  state: PspState
  ids: VendorIds
  /** ms since the epoch (injected). */
  now: () => number
  idempotency: IdempotencyStore
  webhooks: WebhookDispatcher
  /** Renders a saved intent snapshot for an idempotent replay (one shared function). */
  renderIntentJson: (pi: IntentRecord) => string
  /** The one secret key accepted; any `sk_test_…` when absent. */
  apiKey?: string
}
