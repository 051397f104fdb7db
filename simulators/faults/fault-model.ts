import type { Clock } from '../../lib/clock.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import { createRandom, deriveSeed, type Random } from '../../lib/random.js'
import { adminErrors } from '../error-codes.js'
import type { AppliedFault, FaultEffect, FaultRule, FaultRuleInput } from './fault-rule.js'
import { JourneyAttempts, type JourneyLabels } from './journey-attempts.js'
import { isScheduled, matchesBody, matchesGlob, matchesRequest } from './match-rule.js'
import { sampleLatency } from './sample-latency.js'
import { createTokenBucket, type TokenBucket } from './token-bucket.js'
type RequestEffect = Exclude<FaultEffect, { type: `webhook-${string}` } | { type: 'latency' | 'rate-limit' }>
type WebhookEffect = Extract<FaultEffect, { type: `webhook-${string}` }>

/** What the fault layer will do to one request. */
export interface RequestFaultPlan {
  latencyMs: number
  /** A 429 from a token bucket, decided before anything else. */
  rateLimited?: { rule: FaultRule; retryAfterS: number }
  /** The first matching rule with a request-ending effect. */
  terminal?: { rule: FaultRule; effect: RequestEffect }
}

/** What happens to one webhook event's delivery. */
export interface WebhookFaultPlan {
  drop: boolean
  copies: number
  delayMs: number
  badSignature: boolean
  reorderWindowMs: number
  /** Also deliver a forged event of this type (`webhook-forge`). */
  forgeAs?: string
}

/** What a request looks like to the matcher; `body` is decoded lazily, only if a rule asks. */
export interface RequestFacts {
  method: string
  path: string
  body: () => Promise<unknown>
  /** The request's Idempotency-Key, logged with each fault so reports can tie it to the ledger. */
  idempotencyKey?: string | null
  /** From {@link FaultModel.labelsFor}; absent: the request draws from the arrival-order stream. */
  journey?: JourneyLabels
}

/** Collaborators and limits of a {@link FaultModel}. */
export interface FaultModelOptions {
  /** The run's seed: every fault draw derives from it. */
  seed: number
  /** Separates the arrival-order streams of simulators that share a seed (`psp`, `tax`, `fraud`). */
  stream: string
  /** Stamps rules and applied faults, times schedules and token buckets, and runs injected delays. */
  clock: Clock
  /** (journey, step) pairs whose attempts are counted, oldest forgotten first. @default 100_000 */
  journeyStepsKept?: number
}

/** The outcome of {@link FaultModel.add}: the rule with its id, or why it was refused. */
export type AddFaultResult =
  | { ok: true; rule: FaultRule }
  | { ok: false; code: typeof adminErrors.FAULT_RULE_ID_TAKEN.code; message: string }

const maxApplied = 100_000

/**
 * The fault model shared by every simulator: the rules, their schedules and token buckets,
 * and the log of every fault applied.
 *
 * Every random choice is a pure function of the run's seed where it can be: for a request that
 * carries a journey context, a rule's `fraction` and its sampled latency draw from
 * `(seed, rule id, journey, step, attempt)`, so the same seed hits the same journeys whatever
 * order their requests arrive in.
 * @note Requests without a journey context, and webhook faults (an event carries no journey),
 * draw from seeded streams in arrival order: they replay only when requests arrive in the same
 * order, which concurrent clients do not promise.
 * @example
 * const model = new FaultModel({ seed: 7, stream: 'psp', clock: systemClock })
 * model.add({ id: 'psp-lost', match: { fraction: 0.25 }, effect: { type: 'reset' } })
 */
export class FaultModel {
  private rules: FaultRule[] = []
  private buckets = new Map<string, TokenBucket>()
  private log: AppliedFault[] = []
  private dropped = 0
  private numbered = 0
  private readonly seed: number
  private readonly stream: string
  private readonly clock: Clock
  private arrival: Random
  private webhookStream: Random
  private readonly attempts: JourneyAttempts

  constructor(options: FaultModelOptions) {
    this.seed = options.seed
    this.stream = options.stream
    this.clock = options.clock
    this.arrival = this.streamOf('arrival')
    this.webhookStream = this.streamOf('webhooks')
    this.attempts = new JourneyAttempts(options.journeyStepsKept ?? 100_000)
  }

  /** The clock injected delays run on. */
  get timers(): Clock {
    return this.clock
  }

  /** Adds a rule; refused when its `id` is already taken. */
  add(input: FaultRuleInput): AddFaultResult {
    if (input.id !== undefined && this.rules.some((rule) => rule.id === input.id))
      return {
        ok: false,
        code: adminErrors.FAULT_RULE_ID_TAKEN.code,
        message: `Failed to add fault rule (${input.id}): a rule with that id exists`,
      }
    const rule: FaultRule = {
      ...input,
      id: input.id ?? this.nextId(),
      addedAtMs: this.clock.now(),
      appliedCount: 0,
    }
    this.rules.push(rule)
    if (input.effect.type === 'rate-limit')
      this.buckets.set(rule.id, createTokenBucket(input.effect.ratePerS, input.effect.burst, rule.addedAtMs))
    return { ok: true, rule }
  }

  remove(id: string): boolean {
    const before = this.rules.length
    this.rules = this.rules.filter((rule) => rule.id !== id)
    this.buckets.delete(id)
    return this.rules.length !== before
  }

  clear(): void {
    this.rules = []
    this.buckets.clear()
  }

  /**
   * Back to the state at start: no rules, an empty log, numbering from `rule-1` again, attempts
   * forgotten and the arrival streams rewound, so a run after a reset replays a run after a start.
   */
  reset(): void {
    this.clear()
    this.log = []
    this.dropped = 0
    this.numbered = 0
    this.attempts.clear()
    this.arrival = this.streamOf('arrival')
    this.webhookStream = this.streamOf('webhooks')
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }))
  }

  applied(): { entries: AppliedFault[]; dropped: number } {
    return { entries: [...this.log], dropped: this.dropped }
  }

  get hasRules(): boolean {
    return this.rules.length > 0
  }

  /**
   * The labels a request's decisions draw from, counting its attempt when the caller gave none.
   * Called for every vendor request with a journey context, rules or not, so the count does not
   * depend on when rules were added.
   */
  labelsFor(method: string, path: string, context: JourneyContext | undefined): JourneyLabels | undefined {
    return this.attempts.labelsFor(method, path, context)
  }

  /** Decides the faults for one request, recording latency and rate limits as applied. */
  async planRequest(facts: RequestFacts): Promise<RequestFaultPlan> {
    const plan: RequestFaultPlan = { latencyMs: 0 }
    const nowMs = this.clock.now()
    let body: unknown
    for (const rule of this.rules) {
      const { effect, match } = rule
      if (effect.type.startsWith('webhook-')) continue
      if (!isScheduled(rule, nowMs) || !matchesRequest(match, facts.method, facts.path)) continue
      if (match?.body) {
        body ??= await facts.body()
        if (!matchesBody(match.body, body)) continue
      }
      const random = this.randomFor(rule, facts.journey)
      // The first draw decides, whether or not the rule has a fraction, so that later draws
      // (a sampled latency) are the same with or without one.
      if (random.next() >= (match?.fraction ?? 1)) continue
      if (effect.type === 'latency') {
        const ms = sampleLatency(effect.distribution, random)
        plan.latencyMs += ms
        this.record(rule, facts.method, facts.path, `${ms}ms`, facts.idempotencyKey, facts.journey)
      } else if (effect.type === 'rate-limit') {
        const bucket = this.buckets.get(rule.id)
        if (!plan.rateLimited && bucket && !bucket.take(nowMs)) {
          plan.rateLimited = { rule, retryAfterS: bucket.retryAfterS(nowMs) }
          this.record(
            rule,
            facts.method,
            facts.path,
            `retry-after ${plan.rateLimited.retryAfterS}s`,
            facts.idempotencyKey,
            facts.journey,
          )
        }
      } else if (!plan.terminal && !effect.type.startsWith('webhook-')) {
        plan.terminal = { rule, effect: effect as RequestEffect }
      }
    }
    return plan
  }

  /** Decides the faults for one webhook event's delivery, recording each applied. */
  planWebhook(eventType: string, eventId: string): WebhookFaultPlan {
    const plan: WebhookFaultPlan = {
      drop: false,
      copies: 1,
      delayMs: 0,
      badSignature: false,
      reorderWindowMs: 0,
    }
    const nowMs = this.clock.now()
    for (const rule of this.rules) {
      if (!rule.effect.type.startsWith('webhook-') || !isScheduled(rule, nowMs)) continue
      const { match } = rule
      if (match?.eventType !== undefined && !matchesGlob(match.eventType, eventType)) continue
      if (match?.fraction !== undefined && this.webhookStream.next() >= match.fraction) continue
      const effect = rule.effect as WebhookEffect
      let detail = eventId
      switch (effect.type) {
        case 'webhook-drop':
          plan.drop = true
          break
        case 'webhook-duplicate':
          plan.copies += effect.copies
          break
        case 'webhook-delay': {
          const ms = sampleLatency(effect.distribution, this.webhookStream)
          plan.delayMs += ms
          detail += ` ${ms}ms`
          break
        }
        case 'webhook-reorder':
          plan.reorderWindowMs = Math.max(plan.reorderWindowMs, effect.windowMs)
          break
        case 'webhook-bad-signature':
          plan.badSignature = true
          break
        case 'webhook-forge':
          plan.forgeAs = effect.as
          detail += ` as ${effect.as}`
          break
        default: {
          const exhaustive: never = effect
          return exhaustive
        }
      }
      this.record(rule, 'WEBHOOK', eventType, detail)
    }
    return plan
  }

  /** Draws a float in [0, 1) from the webhook stream (for spreading reordered webhooks). */
  random(): number {
    return this.webhookStream.next()
  }

  /** Counts a rule as applied and logs it. */
  record(
    rule: FaultRule,
    method: string,
    path: string,
    detail?: string,
    idempotencyKey?: string | null,
    journey?: JourneyLabels,
  ): void {
    rule.appliedCount += 1
    const entry: AppliedFault = {
      ruleId: rule.id,
      ...(rule.name !== undefined ? { ruleName: rule.name } : {}),
      method,
      path,
      at: new Date(this.clock.now()).toISOString(),
      effect: rule.effect.type,
      ...(detail !== undefined ? { detail } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(journey ? { journey: journey.journey, step: journey.step, attempt: journey.attempt } : {}),
    }
    if (this.log.length >= maxApplied) {
      this.log.shift()
      this.dropped += 1
    }
    this.log.push(entry)
  }

  /** A request's own stream: keyed on its journey when it has one, else the arrival stream. */
  private randomFor(rule: FaultRule, journey: JourneyLabels | undefined): Random {
    if (!journey) return this.arrival
    return createRandom(deriveSeed(this.seed, rule.id, journey.journey, journey.step, journey.attempt))
  }

  private streamOf(label: string): Random {
    return createRandom(deriveSeed(this.seed, this.stream, 'faults', label))
  }

  private nextId(): string {
    let id: string
    do id = `rule-${++this.numbered}`
    while (this.rules.some((rule) => rule.id === id))
    return id
  }
}
