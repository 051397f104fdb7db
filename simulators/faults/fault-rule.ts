import { Type, type Static } from '@sinclair/typebox'

const Ms = Type.Number({ minimum: 0, maximum: 86_400_000 })

/**
 * Marks a union of objects as told apart by their `type` (OpenAPI's `discriminator`), so that
 * `validateFaultRule` can pick the one variant by its `type` and report that variant's errors.
 */
const byType = { discriminator: { propertyName: 'type' } } as const

/** A latency distribution in milliseconds. `lognormal` is a long tail set by its median and p99. */
export const LatencyDistributionSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('fixed'), ms: Ms }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('uniform'), minMs: Ms, maxMs: Ms }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('normal'), meanMs: Ms, stdDevMs: Ms }, { additionalProperties: false }),
    Type.Object(
      { type: Type.Literal('lognormal'), medianMs: Type.Number({ exclusiveMinimum: 0 }), p99Ms: Ms },
      { additionalProperties: false },
    ),
  ],
  byType,
)
export type LatencyDistribution = Static<typeof LatencyDistributionSchema>

const closed = { additionalProperties: false } as const

/** What a rule does to a request (or, for `webhook-*`, to webhook deliveries). */
export const FaultEffectSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('latency'), distribution: LatencyDistributionSchema }, closed),
    Type.Object(
      {
        type: Type.Literal('error'),
        status: Type.Integer({ minimum: 400, maximum: 599 }),
        code: Type.Optional(Type.String({ maxLength: 100 })),
        retryAfterS: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
      },
      closed,
    ),
    Type.Object({ type: Type.Literal('hang') }, closed),
    Type.Object({ type: Type.Literal('reset') }, closed),
    Type.Object({ type: Type.Literal('truncate') }, closed),
    Type.Object({ type: Type.Literal('malformed') }, closed),
    Type.Object(
      {
        type: Type.Literal('ambiguous-success'),
        then: Type.Union([Type.Literal('drop'), Type.Literal('error'), Type.Literal('hang')]),
      },
      closed,
    ),
    Type.Object(
      {
        type: Type.Literal('rate-limit'),
        ratePerS: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
        burst: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
      },
      closed,
    ),
    Type.Object(
      { type: Type.Literal('webhook-duplicate'), copies: Type.Integer({ minimum: 1, maximum: 20 }) },
      closed,
    ),
    Type.Object({ type: Type.Literal('webhook-delay'), distribution: LatencyDistributionSchema }, closed),
    Type.Object({ type: Type.Literal('webhook-reorder'), windowMs: Ms }, closed),
    Type.Object({ type: Type.Literal('webhook-drop') }, closed),
    Type.Object({ type: Type.Literal('webhook-bad-signature') }, closed),
    // An attacker's event: a copy of the matched one under a new id, `as` its type, signed with a
    // key that is not the endpoint's secret. Only signature checking tells it from the real thing.
    Type.Object(
      {
        type: Type.Literal('webhook-forge'),
        as: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z_]+(\\.[a-z_]+)+$' }),
      },
      closed,
    ),
  ],
  byType,
)
export type FaultEffect = Static<typeof FaultEffectSchema>

/** The request methods a rule may match (in any case: the matcher compares upper-cased). */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

const anyCase = (word: string): string =>
  [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('')

/** Which requests (or webhook events) a rule applies to. Every field present must match. */
export const FaultMatchSchema = Type.Object(
  {
    /** One of {@link HTTP_METHODS}, any case. */
    method: Type.Optional(
      Type.String({
        pattern: `^(?:${HTTP_METHODS.map(anyCase).join('|')})$`,
        errorMessage: `must be an HTTP method, in any case: one of ${HTTP_METHODS.join(', ')}`,
      }),
    ),
    /** Exact path, or a prefix followed by `*`. */
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Fields of the decoded body (nested objects allowed), compared as strings. */
    body: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** Webhook effects only: event types, exact or with a trailing `*`. */
    eventType: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /**
     * Share of matching requests affected, 0–1. A request carrying a journey context (`baggage:
     * gameday.journey=…`) is hit when `draw(seed, ruleId, journey, step, attempt) < fraction`, the
     * same in every run with that seed; one without draws from a seeded stream in arrival order.
     * @default 1
     */
    fraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  closed,
)
export type FaultMatch = Static<typeof FaultMatchSchema>

/** When a rule is active: ms since it was added, and how many times it may apply. */
export const FaultScheduleSchema = Type.Object(
  {
    fromMs: Type.Optional(Ms),
    untilMs: Type.Optional(Ms),
    times: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  closed,
)
export type FaultSchedule = Static<typeof FaultScheduleSchema>

/** A fault rule as posted to `/__admin/faults`. */
export const FaultRuleInputSchema = Type.Object(
  {
    /**
     * The rule's id, and the label its random draws are keyed on, so a rule keeps its decisions
     * across runs whatever else was added before it. @default `rule-N`, N counting additions
     * since the simulator started or was last reset.
     */
    id: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$',
        errorMessage:
          'must be 1 to 100 letters, digits, dots, colons, dashes or underscores, starting with a letter or digit',
      }),
    ),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    match: Type.Optional(FaultMatchSchema),
    schedule: Type.Optional(FaultScheduleSchema),
    effect: FaultEffectSchema,
  },
  closed,
)
export type FaultRuleInput = Static<typeof FaultRuleInputSchema>

/** A rule as the model holds it: with its id, when it was added, and how often it applied. */
export interface FaultRule extends FaultRuleInput {
  id: string
  addedAtMs: number
  appliedCount: number
}

/** One fault applied: which rule, to which request or webhook, when, and what it did. */
export interface AppliedFault {
  ruleId: string
  ruleName?: string
  method: string
  path: string
  /** ISO time from the simulator's clock. */
  at: string
  effect: FaultEffect['type']
  /** E.g. the sampled latency in ms, or the event id of a webhook. */
  detail?: string
  /** The request's Idempotency-Key, when it had one. */
  idempotencyKey?: string
  /** The journey, step and attempt the decision drew from, when the request carried a journey context. */
  journey?: number
  step?: string
  attempt?: number
}
