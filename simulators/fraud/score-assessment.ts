/** What the fraud simulator scores (Sift's `$order_id`, `$user_email`, `$amount` as minor units). */
export interface AssessmentInput {
  orderId: string
  email: string
  amount: number
  currency: string
}

/** Thresholds and amount rules; every score is a pure function of the input and these. */
export interface ScoringRules {
  /** Scores at or above are `review`. @default 0.5 */
  reviewThreshold: number
  /** Scores at or above are `reject`. @default 0.8 */
  rejectThreshold: number
  /** Amounts (minor units) at or above add 0.45. @default 200_000 */
  reviewAmountMinor: number
  /** Amounts (minor units) at or above add 0.8. @default 1_000_000 */
  rejectAmountMinor: number
}

/** The score, decision and the reasons that made them. */
export interface Score {
  score: number
  decision: 'accept' | 'review' | 'reject'
  reasons: string[]
}

export const defaultScoringRules: ScoringRules = {
  reviewThreshold: 0.5,
  rejectThreshold: 0.8,
  reviewAmountMinor: 200_000,
  rejectAmountMinor: 1_000_000,
}

const disposable = new Set(['mailinator.com', 'guerrillamail.com', 'tempmail.test', '10minutemail.com'])

/** A stable number in [0, 1) from text (FNV-1a), for scores that must not vary run to run. */
export function hash01(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return ((h >>> 0) % 10_000) / 10_000
}

/**
 * Scores an order deterministically, so scenarios can aim at each decision:
 * - `…+reject@…` or a `reject.test` domain → 0.95; `…+review@…` or `review.test` → 0.65;
 * - a disposable domain adds 0.35; an amount ≥ `reviewAmountMinor` adds 0.45, ≥ `rejectAmountMinor` 0.8;
 * - otherwise a base in [0, 0.2) hashed from the email.
 * @example scoreAssessment({ orderId: 'o1', email: 'a+review@x.com', amount: 100, currency: 'usd' }).decision // 'review'
 */
export function scoreAssessment(input: AssessmentInput, rules: ScoringRules = defaultScoringRules): Score {
  const email = input.email.toLowerCase()
  const [local = '', domain = ''] = email.split('@')
  const reasons: string[] = []
  let score = hash01(email) * 0.2
  if (local.includes('+reject') || domain === 'reject.test') {
    score = 0.95
    reasons.push('email_rule_reject')
  } else if (local.includes('+review') || domain === 'review.test') {
    score = 0.65
    reasons.push('email_rule_review')
  }
  if (disposable.has(domain)) {
    score += 0.35
    reasons.push('disposable_email')
  }
  if (input.amount >= rules.rejectAmountMinor) {
    score += 0.8
    reasons.push('amount_very_high')
  } else if (input.amount >= rules.reviewAmountMinor) {
    score += 0.45
    reasons.push('amount_high')
  }
  score = Math.min(0.99, Math.round(score * 1000) / 1000)
  const decision =
    score >= rules.rejectThreshold ? 'reject' : score >= rules.reviewThreshold ? 'review' : 'accept'
  return { score, decision, reasons }
}
