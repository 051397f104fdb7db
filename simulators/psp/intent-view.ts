import type { IntentRecord } from './psp-records.js'

/**
 * An intent as a saved response showed it, for idempotent replays. It shares the live record
 * until the intent next changes; {@link beforeIntentChange} then gives it a copy. Most intents
 * never change after their create, so most saved responses cost one small object, not a copy.
 */
export class IntentView {
  constructor(public record: IntentRecord) {}
}

/** A view of the intent as it is now. */
export function viewOf(pi: IntentRecord): IntentView {
  const view = new IntentView(pi)
  const held = pi.views
  pi.views = held === null ? view : Array.isArray(held) ? [...held, view] : [held, view]
  return view
}

/** Must run before any change to an intent: views of its current state get their own copy. */
export function beforeIntentChange(pi: IntentRecord): void {
  const held = pi.views
  if (held === null) return
  const copy: IntentRecord = { ...pi, views: null }
  if (Array.isArray(held)) for (const view of held) view.record = copy
  else held.record = copy
  pi.views = null
}
