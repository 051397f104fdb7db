import type { VendorIds } from '../core/vendor-ids.js'
import type { FraudState } from './fraud-state.js'
import type { ScoringRules } from './score-assessment.js'

/** What every fraud endpoint works with. */
export interface FraudContext {
  state: FraudState
  /** Mints workflow run ids (seeded, salted per start); never used for scores or faults. */
  ids: VendorIds
  /** Milliseconds since the epoch, from the injected clock. */
  now: () => number
  rules: ScoringRules
  /** The one API key accepted; when absent any non-empty key is. */
  apiKey?: string
}
