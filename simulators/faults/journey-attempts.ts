import type { JourneyContext } from '../../lib/journey-context.js'
import { BoundedMap } from '../core/bounded-map.js'

/**
 * The labels a request's fault decisions draw from: its journey, its step (the caller's, or
 * `METHOD /path`) and its attempt (the caller's, or the how-many-th time this simulator saw that
 * journey's step).
 */
export interface JourneyLabels {
  journey: number
  step: string
  attempt: number
}

/**
 * Counts the attempts of each (journey, step) a simulator sees, for callers that send a journey
 * and a step but no attempt.
 * @note A journey's calls are sequential, so the count is the same run after run; only the newest
 * `capacity` pairs are kept, which bounds memory on a long run.
 * @example new JourneyAttempts(100_000).labelsFor('POST', '/v1/payment_intents', { journey: 17 })
 * // { journey: 17, step: 'POST /v1/payment_intents', attempt: 1 }
 */
export class JourneyAttempts {
  private readonly seen: BoundedMap<string, number>

  constructor(capacity: number) {
    this.seen = new BoundedMap(capacity)
  }

  /** The labels of one request; `undefined` when it carries no journey context. */
  labelsFor(method: string, path: string, context: JourneyContext | undefined): JourneyLabels | undefined {
    if (!context) return undefined
    const step = context.step ?? `${method} ${path}`
    if (context.attempt !== undefined) return { journey: context.journey, step, attempt: context.attempt }
    const key = `${context.journey}\u0000${step}`
    const attempt = (this.seen.get(key) ?? 0) + 1
    this.seen.set(key, attempt)
    return { journey: context.journey, step, attempt }
  }

  clear(): void {
    this.seen.clear()
  }
}
