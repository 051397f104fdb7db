import type { IntentRecord } from '../psp-records.js'

/** Something that holds an intent as a saved response showed it: an idempotency entry. */
export interface IntentHolder {
  saved: unknown
}

/**
 * Lets a saved response show the intent through the live record until the intent next changes;
 * {@link beforeIntentChange} then gives its holders a copy. Most intents never change after
 * their create, so most saved responses cost no object of their own, not a copy.
 */
export function holdIntent(pi: IntentRecord, holder: IntentHolder): void {
  holder.saved = pi
  const held = pi.views
  pi.views = held === null ? holder : Array.isArray(held) ? [...held, holder] : [held, holder]
}

/** Must run before any change to an intent: holders of its current state get their own copy. */
export function beforeIntentChange(pi: IntentRecord): void {
  const held = pi.views
  if (held === null) return
  const copy: IntentRecord = { ...pi, views: null }
  if (Array.isArray(held)) for (const holder of held) holder.saved = copy
  else held.saved = copy
  pi.views = null
}
