import { CRASH_STEPS } from '../../platform/chaos-hooks/crash-points.js'
import { Type, type TObject, type TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType } from '@sinclair/typebox/value'
// The journey kinds and the HTTP operations (each with its own `latency.<operation>.<stat>` SLO
// metric) are report.json's: one list for both.
import { JOURNEY_KINDS, OPERATIONS } from '../../reports/schemas/index.js'
import { closestKey } from './closest-key.js'
import type { Scenario } from './scenario.js'

// The schema of a scenario file's default export: a team's own file is input like any other, so
// it is checked before anything starts, with the path of what is wrong. Every object is closed
// (`additionalProperties: false`): a misspelt key (`rampTo`, `durationMS`) would otherwise be
// ignored in silence and the game day would run something else than its author meant.
const closed = { additionalProperties: false } as const
const Name = Type.String({ minLength: 1, maxLength: 100 })
const Millis = Type.Number({ minimum: 0, maximum: 86_400_000 })
/** An arrival rate, journeys (or browsing requests) per second; 0 (none) allowed. */
const Rate = (description: string) => Type.Number({ minimum: 0, maximum: 10_000, description })

const LINKS = ['platform', 'psp', 'tax', 'fraud', 'db', 'broker'] as const
const STATS = ['p50', 'p90', 'p95', 'p99', 'max'] as const
const BASE_METRICS = [
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
] as const
/** Every metric an SLO may judge. */
export const SLO_METRICS: readonly string[] = [
  ...BASE_METRICS,
  ...OPERATIONS.flatMap((op) => STATS.map((stat) => `latency.${op}.${stat}`)),
]

const literals = (values: readonly string[], options: object = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  )

const ToxicFault = Type.Object(
  {
    kind: Type.Literal('toxic'),
    target: literals(LINKS, { description: 'The link the toxic goes on.' }),
    toxic: Type.Object(
      {
        type: literals(
          ['latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data', 'noop'],
          { description: 'The Toxiproxy toxic type (docs/proxy-api.md).' },
        ),
        stream: Type.Optional(
          literals(['upstream', 'downstream'], { description: 'Direction it acts on. Default downstream.' }),
        ),
        toxicity: Type.Optional(
          Type.Number({
            minimum: 0,
            maximum: 1,
            description: 'Share of connections it hits, 0–1. Default 1.',
          }),
        ),
        attributes: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
          description: 'The toxic type’s attributes (latency: `latency`, `jitter` in ms; …).',
        }),
      },
      closed,
    ),
  },
  { ...closed, title: 'Toxic fault', description: 'A Toxiproxy toxic on one link for the phase.' },
)

const VendorFault = Type.Object(
  {
    kind: Type.Literal('vendor'),
    target: literals(['psp', 'tax', 'fraud'], { description: 'The vendor simulator that takes the rule.' }),
    // The simulator's admin API validates the rule itself, with its own messages: only its shape
    // is checked here, and keys beside `effect` (match, schedule, name) pass through.
    rule: Type.Object(
      {
        effect: Type.Object({ type: Type.String({ minLength: 1 }) }, { description: 'What the rule does.' }),
      },
      { description: 'The simulator’s fault rule as `/__admin/faults` takes it (match, schedule, effect).' },
    ),
  },
  { ...closed, title: 'Vendor fault', description: 'A fault rule on a vendor simulator for the phase.' },
)

const ProcessFault = Type.Object(
  {
    kind: Type.Literal('process'),
    target: Type.Literal('platform'),
    action: literals(['kill', 'pause', 'crash-at'], {
      description: 'kill: SIGKILL then a restart; pause: SIGSTOP/SIGCONT; crash-at: die at a checkout step.',
    }),
    step: Type.Optional(literals(CRASH_STEPS, { description: 'crash-at: the checkout step it dies at.' })),
    nth: Type.Optional(
      Type.Integer({ minimum: 1, description: 'crash-at: on the nth checkout there. Default 1.' }),
    ),
    atMs: Type.Optional(
      Type.Number({ ...Millis, description: 'When, ms after the phase starts. Default 0.' }),
    ),
    forMs: Type.Optional(
      Type.Number({
        ...Millis,
        description: 'kill: how long it stays down; pause: how long it stalls. Default 1000.',
      }),
    ),
  },
  { ...closed, title: 'Process fault', description: 'The platform killed, paused or crashed at a step.' },
)

const LinkFault = Type.Object(
  {
    kind: Type.Literal('link'),
    target: literals(LINKS, { description: 'The link taken down.' }),
    action: Type.Literal('down'),
  },
  {
    ...closed,
    title: 'Link fault',
    description: 'A link disabled for the phase (connections closed, new ones refused).',
  },
)

const FAULTS: Record<string, TObject> = {
  toxic: ToxicFault,
  vendor: VendorFault,
  process: ProcessFault,
  link: LinkFault,
}

const Mix = Type.Object(
  Object.fromEntries(
    JOURNEY_KINDS.map((kind) => [kind, Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 }))]),
  ),
  {
    ...closed,
    minProperties: 1,
    title: 'Traffic mix',
    description:
      'Relative weights of the journeys arrivals play (browse, view, cart, checkout, status, refund), ' +
      'drawn per arrival: { "browse": 6, "view": 3, "checkout": 1 } — six in ten browse. At least one weight above 0.',
  },
)

const workloadBase = {
  name: Type.String({
    ...Name,
    description: 'Names the workload in events, reports and k6’s `scenarios`; unique in its phase.',
  }),
  mix: Type.Optional(
    Type.Object(Mix.properties, {
      ...closed,
      minProperties: 1,
      description: 'What its arrivals do. Default: the scenario’s mix.',
    }),
  ),
}

const Stage = Type.Object(
  {
    durationMs: Type.Number({
      exclusiveMinimum: 0,
      maximum: 86_400_000,
      description: 'How long the stage ramps, ms.',
    }),
    target: Rate('The arrival rate reached at its end, journeys per second.'),
  },
  { ...closed, description: 'Reach `target` arrivals per second, linearly, over `durationMs`.' },
)

const WORKLOADS: Record<string, TObject> = {
  'constant-arrival-rate': Type.Object(
    {
      ...workloadBase,
      executor: Type.Literal('constant-arrival-rate'),
      rate: Rate('Journeys started per second, whatever the answers (open model).'),
    },
    { ...closed, title: 'constant-arrival-rate', description: 'A fixed arrival rate (open model).' },
  ),
  'ramping-arrival-rate': Type.Object(
    {
      ...workloadBase,
      executor: Type.Literal('ramping-arrival-rate'),
      startRate: Type.Optional(Rate('The rate at the phase’s start. Default 0.')),
      stages: Type.Array(Stage, {
        minItems: 1,
        description:
          'Linear ramps, in order; the last target holds to the phase’s end, stages past it are cut.',
      }),
    },
    {
      ...closed,
      title: 'ramping-arrival-rate',
      description: 'An arrival rate ramped through stages (open model).',
    },
  ),
  'constant-vus': Type.Object(
    {
      ...workloadBase,
      executor: Type.Literal('constant-vus'),
      vus: Type.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'Virtual shoppers, each playing journeys one after another.',
      }),
      thinkTimeMs: Type.Optional(
        Type.Number({ ...Millis, description: 'Pause between a shopper’s journeys, ms. Default 0.' }),
      ),
    },
    {
      ...closed,
      title: 'constant-vus',
      description: 'A fixed number of shoppers (closed model: load falls when answers slow).',
    },
  ),
}

const phaseFields = {
  name: Type.String({ ...Name, description: 'Names the phase in the live view, events and reports.' }),
  durationMs: Type.Number({
    exclusiveMinimum: 0,
    maximum: 86_400_000,
    description: 'How long the phase lasts, ms.',
  }),
  rate: Type.Optional(
    Rate(
      'Journey arrivals per second of its default workload. Default: the scenario’s rate. Ignored with `workloads`.',
    ),
  ),
  browseRate: Type.Optional(
    Rate(
      'Browsing requests per second in this phase (0 = none). Default: the scenario’s browse.rate, else 0.',
    ),
  ),
}
const phaseOptions = {
  ...closed,
  title: 'Phase',
  description: 'A stretch of arrivals with the faults that hold during it.',
}
const faultsDescription = 'Applied when the phase starts, healed when it ends.'
const workloadsDescription = 'The phase’s load as workloads played side by side (k6’s executors).'

/** A phase as the published JSON Schema shows it: faults and workloads as unions of their kinds. */
const PublishedPhase = Type.Object(
  {
    ...phaseFields,
    workloads: Type.Optional(
      Type.Array(Type.Union(Object.values(WORKLOADS)), { minItems: 1, description: workloadsDescription }),
    ),
    faults: Type.Optional(Type.Array(Type.Union(Object.values(FAULTS)), { description: faultsDescription })),
  },
  phaseOptions,
)

// What `scenarioProblems` checks first: each fault and workload only for its discriminant, then
// against its own kind's schema (below) — a union's errors say nothing but "Expected union value".
const CheckedPhase = Type.Object(
  {
    ...phaseFields,
    workloads: Type.Optional(Type.Array(Type.Object({ executor: Type.String() }), { minItems: 1 })),
    faults: Type.Optional(Type.Array(Type.Object({ kind: Type.String() }))),
  },
  phaseOptions,
)

const Slo = Type.Object(
  {
    name: Type.String({ ...Name, description: 'Names the SLO in the verdict.' }),
    metric: literals(SLO_METRICS, {
      description:
        'latency.p50|p90|p95|p99|max: checkout journey latency, ms; latency.<operation>.<stat>: one HTTP ' +
        'operation’s (browse, view, cart, item, checkout, status, refund); availability, errorRate, ' +
        'achievedRateRatio: 0–1; recovery.ms, queue.drain.ms: ms; browse.availability, browse.latency.p99.',
    }),
    comparator: literals(['<=', '>='], {
      description: 'How the actual value must compare with the threshold.',
    }),
    threshold: Type.Number(),
    unit: literals(['ms', 'ratio']),
    phase: Type.Optional(
      Type.String({ ...Name, description: 'The phase it is judged over; absent = the whole run.' }),
    ),
  },
  { ...closed, title: 'SLO', description: 'A service-level objective the verdict judges.' },
)

function scenarioSchema(phase: TSchema) {
  return Type.Object(
    {
      $schema: Type.Optional(
        Type.String({ description: 'The JSON Schema this file follows (JSON scenario files).' }),
      ),
      name: Type.String({
        ...Name,
        description: 'The scenario’s name, as `gameday list` and the reports show it.',
      }),
      description: Type.String({ description: 'One line, shown by `gameday list`.' }),
      teaches: Type.Optional(
        Type.String({
          description: 'What the game day teaches and what a pass means (`gameday list --long`).',
        }),
      ),
      rate: Type.Number({
        exclusiveMinimum: 0,
        maximum: 10_000,
        description:
          'Base arrival rate, journeys per second; `--rate` scales every rate (and virtual users) by rate / this.',
      }),
      phases: Type.Array(phase, { minItems: 1, description: 'Played in order, end to end.' }),
      slos: Type.Array(Slo, { description: 'What the verdict judges, beside the integrity checks.' }),
      mix: Type.Optional(Mix),
      population: Type.Optional(
        Type.Object(
          {
            size: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 1_000_000,
                description: 'Distinct shoppers. Default 1000.',
              }),
            ),
            impatient: Type.Optional(
              Type.Number({
                minimum: 0,
                maximum: 1,
                description: 'Share who resend a slow checkout with the same key. Default 0.',
              }),
            ),
            impatientAfterMs: Type.Optional(
              Type.Number({
                ...Millis,
                description: 'How long the impatient wait before resending, ms. Default 1000.',
              }),
            ),
            freshKeyRetry: Type.Optional(
              Type.Number({
                minimum: 0,
                maximum: 1,
                description:
                  'Share whose app retries a lost checkout with a fresh Idempotency-Key. Default 0.',
              }),
            ),
          },
          { ...closed, title: 'Population', description: 'Who the shoppers are and how they behave.' },
        ),
      ),
      shopper: Type.Optional(
        Type.Object(
          {
            sku: Type.Optional(Type.String({ description: 'What they buy. Default sku_tshirt.' })),
            paymentMethod: Type.Optional(Type.String({ description: 'Default pm_card_visa.' })),
            quantity: Type.Optional(Type.Integer({ minimum: 1, description: 'Default 1.' })),
            retries: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 10,
                description: 'Retries of a checkout whose answer was lost, same key. Default 1.',
              }),
            ),
            keepAlive: Type.Optional(Type.Boolean({ description: 'Reuse connections. Default true.' })),
            timeoutMs: Type.Optional(
              Type.Number({ exclusiveMinimum: 0, description: 'Per-request timeout, ms. Default 10000.' }),
            ),
            refund: Type.Optional(
              Type.Object(
                {
                  every: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
                  parts: Type.Integer({ minimum: 1, maximum: 10 }),
                  percent: Type.Integer({ minimum: 1, maximum: 100 }),
                },
                {
                  ...closed,
                  description: 'Every `every`-th paid shopper asks `parts` refunds of `percent` % at once.',
                },
              ),
            ),
          },
          { ...closed, title: 'Shopper', description: 'How the simulated shopper behaves.' },
        ),
      ),
      browse: Type.Optional(
        Type.Object(
          { rate: Rate('Browsing requests per second, each phase unless its browseRate says otherwise.') },
          { ...closed, description: 'Browsing beside the checkouts, measured apart.' },
        ),
      ),
      needs: Type.Optional(
        Type.Array(Type.Literal('postgres'), {
          description: 'postgres: it runs only on a real Postgres (--db postgres://…).',
        }),
      ),
      stock: Type.Optional(
        Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
          description: 'Stock to set per SKU before the run.',
        }),
      ),
      exercises: Type.Optional(
        Type.Array(Type.String(), { description: 'Safeguards this scenario exercises.' }),
      ),
      settleMs: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 120_000,
          description: 'Longest wait after the load for the platform to settle, ms. Default 5000.',
        }),
      ),
      platform: Type.Optional(
        Type.Object(
          {
            dbPoolSize: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 1_000, description: 'Database connections. Default 20.' }),
            ),
          },
          { ...closed, description: 'The platform as this game day needs it.' },
        ),
      ),
      seed: Type.Optional(
        Type.Integer({ minimum: 0, description: 'Seed of every random choice. Default 1; --seed wins.' }),
      ),
    },
    {
      ...closed,
      title: 'Gameday scenario',
      description: 'A game day: phases of load with their faults, and the SLOs it is judged by.',
    },
  )
}

/** The full schema of a scenario, as published in docs/scenario.schema.json. */
export const ScenarioSchema = scenarioSchema(PublishedPhase)
const CheckedScenarioSchema = scenarioSchema(CheckedPhase)

/** How many problems `scenarioProblems` lists at most: enough to fix a file in one go, not a wall. */
export const MAX_PROBLEMS = 10

/** What is wrong with a would-be scenario, one line per problem (at most ten); empty when nothing is. */
export function scenarioProblems(value: unknown): string[] {
  const problems = errorsOf(CheckedScenarioSchema, value, '')
  if (typeof value !== 'object' || value === null) return problems.slice(0, MAX_PROBLEMS)
  const scenario = value as Partial<Scenario>
  const phases = Array.isArray(scenario.phases) ? scenario.phases : []
  if (isObject(scenario.mix)) problems.push(...mixProblems(scenario.mix, '/mix'))
  phases.forEach((phase: unknown, p) => {
    if (!isObject(phase)) return
    const faults: unknown[] = Array.isArray(phase.faults) ? phase.faults : []
    faults.forEach((fault, f) => {
      if (!isObject(fault) || typeof fault.kind !== 'string') return
      const path = `/phases/${p}/faults/${f}`
      const schema = FAULTS[fault.kind]
      if (schema === undefined)
        problems.push(`${path}/kind: must be one of ${Object.keys(FAULTS).join(', ')}`)
      else problems.push(...errorsOf(schema, fault, path))
    })
    const workloads: unknown[] = Array.isArray(phase.workloads) ? phase.workloads : []
    const names = new Set<unknown>()
    workloads.forEach((workload, w) => {
      if (!isObject(workload) || typeof workload.executor !== 'string') return
      const path = `/phases/${p}/workloads/${w}`
      const schema = WORKLOADS[workload.executor]
      if (schema === undefined) {
        problems.push(`${path}/executor: must be one of ${Object.keys(WORKLOADS).join(', ')}`)
        return
      }
      problems.push(...errorsOf(schema, workload, path))
      if (names.has(workload.name))
        problems.push(`${path}/name: "${String(workload.name)}" names another workload of the phase already`)
      names.add(workload.name)
      if (isObject(workload.mix)) problems.push(...mixProblems(workload.mix, `${path}/mix`))
    })
  })
  const phaseNames = new Set(phases.map((phase: unknown) => (isObject(phase) ? phase.name : undefined)))
  for (const slo of Array.isArray(scenario.slos) ? (scenario.slos as unknown[]) : []) {
    if (isObject(slo) && typeof slo.phase === 'string' && !phaseNames.has(slo.phase))
      problems.push(
        `/slos: "${String(slo.name)}" is judged over phase "${slo.phase}", which the scenario does not have`,
      )
  }
  return problems.slice(0, MAX_PROBLEMS)
}

function mixProblems(mix: Record<string, unknown>, path: string): string[] {
  const weights = Object.values(mix)
  if (weights.every((w) => typeof w === 'number') && !weights.some((w) => (w as number) > 0))
    return [`${path}: at least one weight must be above 0`]
  return []
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorsOf(schema: TSchema, value: unknown, prefix: string): string[] {
  const byPath = new Map<string, string>()
  for (const error of Value.Errors(schema, value)) {
    const path = `${prefix}${error.path || '/'}`
    // TypeBox reports a missing key twice (required, then its type): the first says it best.
    if (!byPath.has(path)) byPath.set(path, messageOf(error))
  }
  return [...byPath].map(([path, message]) => `${path}: ${message}`)
}

function messageOf(error: { type: ValueErrorType; path: string; schema: TSchema; message: string }): string {
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const key = error.path.slice(error.path.lastIndexOf('/') + 1)
    const known = Object.keys((error.schema as { properties?: object }).properties ?? {}).filter(
      (k) => k !== '$schema',
    )
    const suggestion = closestKey(key, known)
    return `unknown key "${key}" is not allowed${suggestion !== undefined ? `; did you mean "${suggestion}"?` : ''}`
  }
  if (error.schema === Slo.properties.metric)
    return (
      `must be a known metric: ${BASE_METRICS.join(', ')}, or latency.<operation>.<stat> ` +
      `(operation: ${OPERATIONS.join(', ')}; stat: ${STATS.join(', ')})`
    )
  // A union of literals says "Expected union value": name the values it takes instead.
  const allowed = (error.schema.anyOf as Array<{ const?: unknown }> | undefined)?.map((s) => s.const)
  if (allowed && allowed.every((v) => v !== undefined))
    return `must be one of ${allowed.map(String).join(', ')}`
  return error.message
}

/** Whether `value` is a scenario (see {@link scenarioProblems} for why not). */
export function isScenario(value: unknown): value is Scenario {
  return scenarioProblems(value).length === 0
}
