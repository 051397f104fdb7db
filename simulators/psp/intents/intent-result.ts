import type { IntentRecord } from '../psp-records.js'
import type { PspState } from '../psp-state.js'
import { renderIntent } from '../render-objects.js'
import type { OpInput, OpResult } from '../wire/stripe-endpoint.js'

/** A successful answer with the intent; without `expand` it can be replayed from a snapshot. */
export function intentResult(pi: IntentRecord, state: PspState, input: OpInput): OpResult {
  return {
    ok: true,
    body: renderIntent(pi, state, input.expand),
    ...(input.expand.size === 0 ? { replay: pi } : {}),
  }
}
