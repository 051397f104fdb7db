import type { Score } from './score-assessment.js'

/** Sift's decision categories (the console's ACCEPT / WATCH / BLOCK), lower case as on the wire. */
export type DecisionCategory = 'accept' | 'watch' | 'block'

/** A decision the simulator's workflow can take; ids follow Sift's `<entity>_looks_<x>_<abuse>`. */
export interface SiftDecision {
  id: string
  /** The display name (`Order Looks OK`). */
  name: string
  category: DecisionCategory
}

/** What the entity a workflow decides on is: an order when the event names one, else the user. */
export type EntityType = 'order' | 'user'

const byVerdict = {
  accept: { word: 'ok', label: 'OK', category: 'accept' },
  review: { word: 'risky', label: 'Risky', category: 'watch' },
  reject: { word: 'bad', label: 'Bad', category: 'block' },
} as const satisfies Record<Score['decision'], { word: string; label: string; category: DecisionCategory }>

/**
 * The decision for a score's verdict: accept → `order_looks_ok_payment_abuse` (ACCEPT), review →
 * `order_looks_risky_payment_abuse` (WATCH), reject → `order_looks_bad_payment_abuse` (BLOCK).
 * @example decisionFor('order', 'reject', 'payment_abuse').id // 'order_looks_bad_payment_abuse'
 */
export function decisionFor(entity: EntityType, verdict: Score['decision'], abuseType: string): SiftDecision {
  const { word, label, category } = byVerdict[verdict]
  const noun = entity === 'order' ? 'Order' : 'User'
  return { id: `${entity}_looks_${word}_${abuseType}`, name: `${noun} Looks ${label}`, category }
}
