import type { Rng } from '../core/rng.js'
import type { AppliedFault, FaultEffect, FaultRule, FaultRuleInput } from './fault-rule.js'
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
}

/** What a request looks like to the matcher; `body` is decoded lazily, only if a rule asks. */
export interface RequestFacts {
  method: string
  path: string
  body: () => Promise<unknown>
  /** The request's Idempotency-Key, logged with each fault so reports can tie it to the ledger. */
  idempotencyKey?: string | null
}

const maxApplied = 100_000

/**
 * The fault model shared by every simulator: the rules, their schedules and token buckets,
 * and the log of every fault applied. All randomness comes from the seeded `rng`.
 * @example const model = new FaultModel(rng.fork('faults'), Date.now); model.add({ effect: { type: 'reset' } })
 */
export class FaultModel {
  private rules: FaultRule[] = []
  private buckets = new Map<string, TokenBucket>()
  private log: AppliedFault[] = []
  private dropped = 0
  private counter = 0

  constructor(
    private readonly rng: Rng,
    private readonly now: () => number,
  ) {}

  add(input: FaultRuleInput): FaultRule {
    this.counter += 1
    const rule: FaultRule = { ...input, id: `flt_${this.counter}`, addedAtMs: this.now(), appliedCount: 0 }
    this.rules.push(rule)
    if (input.effect.type === 'rate-limit')
      this.buckets.set(rule.id, createTokenBucket(input.effect.ratePerS, input.effect.burst, rule.addedAtMs))
    return rule
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

  /** Clears the rules and the applied log. */
  reset(): void {
    this.clear()
    this.log = []
    this.dropped = 0
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

  /** Decides the faults for one request, recording latency and rate limits as applied. */
  async planRequest(facts: RequestFacts): Promise<RequestFaultPlan> {
    const plan: RequestFaultPlan = { latencyMs: 0 }
    const nowMs = this.now()
    let body: unknown
    for (const rule of this.rules) {
      const { effect, match } = rule
      if (effect.type.startsWith('webhook-')) continue
      if (!isScheduled(rule, nowMs) || !matchesRequest(match, facts.method, facts.path)) continue
      if (match?.body) {
        body ??= await facts.body()
        if (!matchesBody(match.body, body)) continue
      }
      if (match?.fraction !== undefined && this.rng.next() >= match.fraction) continue
      if (effect.type === 'latency') {
        const ms = sampleLatency(effect.distribution, this.rng)
        plan.latencyMs += ms
        this.record(rule, facts.method, facts.path, `${ms}ms`, facts.idempotencyKey)
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
    const nowMs = this.now()
    for (const rule of this.rules) {
      if (!rule.effect.type.startsWith('webhook-') || !isScheduled(rule, nowMs)) continue
      const { match } = rule
      if (match?.eventType !== undefined && !matchesGlob(match.eventType, eventType)) continue
      if (match?.fraction !== undefined && this.rng.next() >= match.fraction) continue
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
          const ms = sampleLatency(effect.distribution, this.rng)
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
        default: {
          const exhaustive: never = effect
          return exhaustive
        }
      }
      this.record(rule, 'WEBHOOK', eventType, detail)
    }
    return plan
  }

  /** Draws a float in [0, 1) from the fault stream (for spreading reordered webhooks). */
  random(): number {
    return this.rng.next()
  }

  /** Counts a rule as applied and logs it. */
  record(
    rule: FaultRule,
    method: string,
    path: string,
    detail?: string,
    idempotencyKey?: string | null,
  ): void {
    rule.appliedCount += 1
    const entry: AppliedFault = {
      ruleId: rule.id,
      ...(rule.name !== undefined ? { ruleName: rule.name } : {}),
      method,
      path,
      at: new Date(this.now()).toISOString(),
      effect: rule.effect.type,
      ...(detail !== undefined ? { detail } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    }
    if (this.log.length >= maxApplied) {
      this.log.shift()
      this.dropped += 1
    }
    this.log.push(entry)
  }
}
