import { hash01, scoreAssessment, type Score, type ScoringRules } from './score-assessment.js'

/** What a user's latest events told the simulator: the inputs of every score. */
export interface ScoreFacts {
  userId: string
  /** `$user_email`, or '' when no event carried one. */
  email: string
  /** The latest `$amount`, in minor units (0 when none was sent). */
  amountMinor: number
  currency: string
}

/** One abuse type's score as Sift answers it: 0–1 (the console shows 0–100) and its reasons. */
export interface AbuseScore {
  score: number
  reasons: Array<{ name: string; value: string }>
}

/** The abuse types scored when a request names none: the account is subscribed to payment abuse. */
export const defaultAbuseTypes: readonly string[] = ['payment_abuse']

/** Abuse types the test identities and amount rules drive; the others score low and steady. */
const modelled = new Set(['payment_abuse', 'legacy'])

function siftReasons(facts: ScoreFacts, verdict: Score): AbuseScore['reasons'] {
  return verdict.reasons.map((reason) => {
    switch (reason) {
      case 'email_rule_reject':
        return { name: 'Test identity', value: 'reject' }
      case 'email_rule_review':
        return { name: 'Test identity', value: 'review' }
      case 'disposable_email':
        return { name: 'Disposable email domain', value: facts.email.split('@')[1] ?? '' }
      default:
        return { name: 'Order amount (minor units)', value: `${facts.amountMinor} ${facts.currency}` }
    }
  })
}

/**
 * Scores a user for each abuse type asked for. Payment abuse (and `legacy`) is the deterministic
 * model of `scoreAssessment`; any other type is a low score in [0, 0.2) hashed from the user and
 * the type, with no reasons, so a workflow on it always accepts.
 * @example scoreAbuseTypes({ userId: 'u1', email: 'a+reject@x.com', amountMinor: 500, currency: 'USD' }, ['payment_abuse'], rules).verdict.decision // 'reject'
 */
export function scoreAbuseTypes(
  facts: ScoreFacts,
  abuseTypes: readonly string[],
  rules: ScoringRules,
): { scores: Record<string, AbuseScore>; verdict: Score } {
  const verdict = scoreAssessment(
    // A user id is often an email: it stands in, so test identities work without `$user_email`.
    { orderId: '', email: facts.email || facts.userId, amount: facts.amountMinor, currency: facts.currency },
    rules,
  )
  const scores: Record<string, AbuseScore> = {}
  for (const abuseType of abuseTypes)
    scores[abuseType] = modelled.has(abuseType)
      ? { score: verdict.score, reasons: siftReasons(facts, verdict) }
      : { score: Math.round(hash01(`${facts.userId}\u0000${abuseType}`) * 200) / 1000, reasons: [] }
  return { scores, verdict }
}
