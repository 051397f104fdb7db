import { CRASH_STEPS } from '../../platform/chaos-hooks/crash-points.js'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { Scenario } from './scenario.js'

// The schema of a scenario file's default export: a team's own file is input like any other, so
// it is checked before anything starts, with the path of what is wrong.
const Name = Type.String({ minLength: 1, maxLength: 100 })
const Millis = Type.Number({ minimum: 0, maximum: 86_400_000 })
/** Browsing requests per second: capped like a checkout rate; 0 (none) allowed. */
const BrowseRate = Type.Number({ minimum: 0, maximum: 10_000 })

const ToxicFault = Type.Object({
  kind: Type.Literal('toxic'),
  target: Type.Union(['platform', 'psp', 'tax', 'fraud', 'db', 'broker'].map((link) => Type.Literal(link))),
  toxic: Type.Object({
    type: Type.Union(
      ['latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data', 'noop'].map(
        (t) => Type.Literal(t),
      ),
    ),
    stream: Type.Optional(Type.Union([Type.Literal('upstream'), Type.Literal('downstream')])),
    toxicity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    attributes: Type.Record(Type.String(), Type.Number({ minimum: 0 })),
  }),
})

const VendorFault = Type.Object({
  kind: Type.Literal('vendor'),
  target: Type.Union([Type.Literal('psp'), Type.Literal('tax'), Type.Literal('fraud')]),
  // The simulator's admin API validates the rule itself, with its own messages.
  rule: Type.Object({ effect: Type.Object({ type: Type.String() }) }),
})

const ProcessFault = Type.Object({
  kind: Type.Literal('process'),
  target: Type.Literal('platform'),
  action: Type.Union([Type.Literal('kill'), Type.Literal('pause'), Type.Literal('crash-at')]),
  step: Type.Optional(Type.Union(CRASH_STEPS.map((step) => Type.Literal(step)))),
  nth: Type.Optional(Type.Integer({ minimum: 1 })),
  atMs: Type.Optional(Millis),
  forMs: Type.Optional(Millis),
})

const LinkFault = Type.Object({
  kind: Type.Literal('link'),
  target: Type.Union(['platform', 'psp', 'tax', 'fraud', 'db', 'broker'].map((link) => Type.Literal(link))),
  action: Type.Literal('down'),
})

const FAULTS = { toxic: ToxicFault, vendor: VendorFault, process: ProcessFault, link: LinkFault } as const

const Phase = Type.Object({
  name: Name,
  durationMs: Type.Number({ exclusiveMinimum: 0, maximum: 86_400_000 }),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
  browseRate: Type.Optional(BrowseRate),
  // Each fault is checked against its own kind's schema (below): a union's errors say nothing.
  faults: Type.Optional(Type.Array(Type.Object({ kind: Type.String() }))),
})

const Slo = Type.Object({
  name: Name,
  metric: Type.Union(
    [
      'latency.p50',
      'latency.p90',
      'latency.p95',
      'latency.p99',
      'latency.max',
      'availability',
      'errorRate',
      'achievedRateRatio',
      'recovery.ms',
      'browse.availability',
      'browse.latency.p99',
      'queue.drain.ms',
    ].map((m) => Type.Literal(m)),
  ),
  comparator: Type.Union([Type.Literal('<='), Type.Literal('>=')]),
  threshold: Type.Number(),
  unit: Type.Union([Type.Literal('ms'), Type.Literal('ratio')]),
  phase: Type.Optional(Name),
})

export const ScenarioSchema = Type.Object({
  name: Name,
  description: Type.String(),
  rate: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
  phases: Type.Array(Phase, { minItems: 1 }),
  slos: Type.Array(Slo),
  shopper: Type.Optional(
    Type.Object({
      sku: Type.Optional(Type.String()),
      paymentMethod: Type.Optional(Type.String()),
      quantity: Type.Optional(Type.Integer({ minimum: 1 })),
      retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
      keepAlive: Type.Optional(Type.Boolean()),
      timeoutMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      refund: Type.Optional(
        Type.Object(
          {
            every: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
            parts: Type.Integer({ minimum: 1, maximum: 10 }),
            percent: Type.Integer({ minimum: 1, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
      ),
    }),
  ),
  browse: Type.Optional(Type.Object({ rate: BrowseRate })),
  needs: Type.Optional(Type.Array(Type.Literal('postgres'))),
  stock: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
  exercises: Type.Optional(Type.Array(Type.String())),
  settleMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  platform: Type.Optional(
    Type.Object(
      { dbPoolSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })) },
      { additionalProperties: false },
    ),
  ),
  seed: Type.Optional(Type.Integer({ minimum: 0 })),
})

/** What is wrong with a would-be scenario, one line per problem (at most five); empty when nothing is. */
export function scenarioProblems(value: unknown): string[] {
  const problems = errorsOf(ScenarioSchema, value, '')
  if (problems.length > 0) return problems.slice(0, 5)
  const scenario = value as Static<typeof ScenarioSchema>
  scenario.phases.forEach((phase, p) =>
    phase.faults?.forEach((fault, f) => {
      const path = `/phases/${p}/faults/${f}`
      const schema = FAULTS[fault.kind as keyof typeof FAULTS]
      if (schema === undefined) {
        problems.push(`${path}/kind: must be one of ${Object.keys(FAULTS).join(', ')}`)
      } else problems.push(...errorsOf(schema, fault, path))
    }),
  )
  const phaseNames = new Set(scenario.phases.map((phase) => phase.name))
  for (const slo of scenario.slos) {
    if (slo.phase !== undefined && !phaseNames.has(slo.phase))
      problems.push(
        `/slos: "${slo.name}" is judged over phase "${slo.phase}", which the scenario does not have`,
      )
  }
  return problems.slice(0, 5)
}

function errorsOf(schema: TSchema, value: unknown, prefix: string): string[] {
  return [...Value.Errors(schema, value)].map((error) => {
    // A union of literals says "Expected union value": name the values it takes instead.
    const allowed = (error.schema.anyOf as Array<{ const?: unknown }> | undefined)?.map((s) => s.const)
    const message =
      allowed && allowed.every((v) => v !== undefined)
        ? `must be one of ${allowed.map(String).join(', ')}`
        : error.message
    return `${prefix}${error.path || '/'}: ${message}`
  })
}

/** Whether `value` is a scenario (see {@link scenarioProblems} for why not). */
export function isScenario(value: unknown): value is Scenario {
  return scenarioProblems(value).length === 0
}
