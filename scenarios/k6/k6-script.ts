import type { ResolvedScenario } from '../format/resolve-scenario.js'
import { HTTP_SOURCE, JOURNEYS_SOURCE, JOURNEY_TYPES_SOURCE, RANDOM_SOURCE } from './k6-journeys.js'
import {
  execNames,
  k6Duration,
  k6Options,
  scenarioEntries,
  workloadBehaviour,
  type ScenarioEntry,
} from './k6-options.js'
import { K6_METRICS, sloThresholds } from './k6-thresholds.js'
import { tsKey, tsLiteral, tsString } from './ts-literal.js'

/** What an export bakes into the script besides the scenario. */
export interface ScriptSettings {
  /** The environment variable the platform's base URL is read from. @default 'BASE_URL' */
  baseUrlEnv: string
  /** Defaults of environment variables (`--env K=V`), each overridden by k6's own `-e K=V`. */
  env: Record<string, string>
  /** The command line that made it, for the header. */
  command: string
}

/** `gameday up`'s platform, reached directly (its proxy link is printed by `gameday up`). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4000'

/** Journey numbers of each k6 scenario start this far apart (baggage `gameday.journey`). */
const JOURNEY_SPAN = 1_000_000

/**
 * The k6 script of a resolved scenario: TypeScript that `k6 run script.ts` (k6 ≥ 0.57) runs as
 * is, built section by section, each saying what it maps from.
 * @example k6Script(resolveScenario(baseline), { baseUrlEnv: 'BASE_URL', env: {}, command: 'gameday export k6 baseline' })
 */
export function k6Script(resolved: ResolvedScenario, settings: ScriptSettings): string {
  return [
    headerSection(resolved, settings),
    importsSection(),
    configSection(resolved, settings),
    metricsSection(),
    optionsSection(resolved),
    workloadsSection(resolved),
    section('Journeys (as gameday’s reference client plays them, scenarios/target/)', JOURNEY_TYPES_SOURCE),
    JOURNEYS_SOURCE,
    section('HTTP', HTTP_SOURCE),
    section('Seeded draws', RANDOM_SOURCE),
  ]
    .join('\n\n')
    .concat('\n')
}

function section(title: string, body: string): string {
  return `// ── ${title} ${'─'.repeat(Math.max(3, 92 - title.length))}\n\n${body}`
}

function headerSection(resolved: ResolvedScenario, settings: ScriptSettings): string {
  const { scenario } = resolved
  return [
    `// k6 load for the gameday scenario "${scenario.name}": ${scenario.description}`,
    `// Exported by \`${settings.command}\` (seed ${resolved.seed}).`,
    '//',
    '// Run it with `k6 run script.ts` (k6 0.57 or later runs TypeScript as is); README.md beside it',
    '// says how, against `gameday up` or a deployed stack, and how to play the faults beside it —',
    '// this script plays the load only.',
  ].join('\n')
}

function importsSection(): string {
  return [
    "import { check, sleep } from 'k6'",
    "import exec from 'k6/execution'",
    "import http from 'k6/http'",
    "import type { ObjectBatchRequest } from 'k6/http'",
    "import { Rate, Trend } from 'k6/metrics'",
    "import type { Options } from 'k6/options'",
  ].join('\n')
}

function configSection(resolved: ResolvedScenario, settings: ScriptSettings): string {
  const { shopper, population } = resolved
  const defaults: Record<string, string> = {
    [settings.baseUrlEnv]: DEFAULT_BASE_URL,
    SEED: String(resolved.seed),
    ...settings.env,
  }
  const refund = shopper.refund ?? null
  return section(
    'Where and who (the scenario’s shopper, population and seed)',
    [
      '/** Defaults of the environment (`k6 run -e NAME=value` overrides each). */',
      `const ENV_DEFAULTS: Record<string, string> = ${tsLiteral(defaults)}`,
      "const env = (name: string): string => __ENV[name] || ENV_DEFAULTS[name] || ''",
      '',
      '/** The platform as shoppers reach it: `gameday up`’s platform, its proxy link, or a deployed one. */',
      `const BASE_URL = env(${tsString(settings.baseUrlEnv)}).replace(/[/]+$/, '')`,
      '/** Seeds the journey kinds each arrival draws (the scenario’s `seed`, or `--seed`). */',
      "const SEED = Number(env('SEED'))",
      '',
      '/** The scenario’s `shopper`, every default filled in. */',
      'const SHOPPER: {',
      '  sku: string',
      '  paymentMethod: string',
      '  quantity: number',
      '  retries: number',
      '  timeoutMs: number',
      '  refund: { every: number; parts: number; percent: number } | null',
      `} = ${tsLiteral(
        {
          sku: shopper.sku,
          paymentMethod: shopper.paymentMethod,
          quantity: shopper.quantity,
          retries: shopper.retries,
          timeoutMs: shopper.timeoutMs,
          refund,
        },
        '',
      )}`,
      '/** The population’s share of shoppers whose app retries a checkout with a fresh key. */',
      `const FRESH_KEY_RETRY = ${population.freshKeyRetry}`,
    ].join('\n'),
  )
}

function metricsSection(): string {
  return section(
    'Metrics the thresholds judge (the scenario’s SLOs, reports/types.ts)',
    [
      '/** `latency.*`: a checkout journey, ms, from its start (cart) to its last answer, retries included. */',
      `const checkoutJourneyDuration = new Trend(${tsString(K6_METRICS.checkoutJourneyDuration)}, true)`,
      '/** `availability` / `errorRate`: checkouts acknowledged (2xx) or declined (402) / attempted. */',
      `const checkoutAvailable = new Rate(${tsString(K6_METRICS.checkoutAvailable)})`,
      '/** `browse.availability`: browsing requests answered 2xx / attempted. */',
      `const browseOk = new Rate(${tsString(K6_METRICS.browseOk)})`,
      '/** `browse.latency.*`: one browsing request, ms. */',
      `const browseDuration = new Trend(${tsString(K6_METRICS.browseDuration)}, true)`,
      '',
      '// A card decline is an answer, not a failed request (http_req_failed).',
      'http.setResponseCallback(http.expectedStatuses({ min: 200, max: 299 }, 402))',
    ].join('\n'),
  )
}

function optionsSection(resolved: ResolvedScenario): string {
  const options = k6Options(resolved)
  const entries = scenarioEntries(resolved)
  const lines = ['export const options: Options = {', '  scenarios: {']
  for (const entry of entries) {
    lines.push(`    // ${describeEntry(entry)}`)
    if (entry.scenario) lines.push(`    ${tsKey(entry.name)}: ${tsLiteral(entry.scenario, '    ')},`)
  }
  lines.push('  },', ...thresholdLines(resolved))
  lines.push(`  summaryTrendStats: ${tsLiteral(options.summaryTrendStats)},`)
  if (options.noConnectionReuse)
    lines.push(
      '  // shopper.keepAlive: false — a connection per request, as a flaky mobile client.',
      '  noConnectionReuse: true,',
    )
  lines.push('}')
  return section('Load shape (the scenario’s phases × workloads) and thresholds (its SLOs)', lines.join('\n'))
}

function describeEntry(entry: ScenarioEntry): string {
  const { phase, workload } = entry
  const at = `phase "${phase.name}" (${k6Duration(phase.startMs)}–${k6Duration(phase.startMs + phase.durationMs)}), workload "${workload.name}"`
  const mix = Object.entries(workload.mix)
    .map(([kind, weight]) => `${kind} ${weight}`)
    .join(', ')
  const shape =
    workload.executor === 'constant-arrival-rate'
      ? `${round(workload.rate)}/s`
      : workload.executor === 'ramping-arrival-rate'
        ? `ramp from ${round(workload.startRate ?? 0)}/s to ${round(workload.stages.at(-1)?.target ?? 0)}/s`
        : `${workload.vus} VUs, ${workload.thinkTimeMs ?? 0} ms think time`
  return `${at}: ${shape} of ${mix}${entry.skipped ? ` — not exported: ${entry.skipped}` : ''}`
}

function thresholdLines(resolved: ResolvedScenario): string[] {
  const { mapped, unexported } = sloThresholds(resolved.scenario.slos)
  const lines = ['  thresholds: {']
  const metrics = [...new Set(mapped.map((m) => m.metric))]
  for (const metric of metrics) {
    const mine = mapped.filter((m) => m.metric === metric)
    for (const m of mine)
      lines.push(`    // SLO "${m.slo.name}": ${m.slo.metric} ${m.slo.comparator} ${m.slo.threshold}`)
    lines.push(`    ${tsKey(metric)}: ${tsLiteral(mine.map((m) => m.expression))},`)
  }
  if (unexported.length > 0) {
    lines.push('    // Not expressible in k6 (judge them with `gameday run`; README.md lists them too):')
    for (const u of unexported)
      lines.push(
        `    //   "${u.slo.name}": ${u.slo.metric} ${u.slo.comparator} ${u.slo.threshold} — ${u.reason}`,
      )
  }
  lines.push('  },')
  return lines
}

function workloadsSection(resolved: ResolvedScenario): string {
  const entries = scenarioEntries(resolved)
  const execs = execNames(resolved.phases)
  const bases: Record<string, number> = {}
  entries.forEach((entry, i) => {
    if (entry.scenario) bases[entry.name] = i * JOURNEY_SPAN
  })
  const lines = [
    '/**',
    ` * Journey numbers (baggage \`gameday.journey\`) of each k6 scenario start ${JOURNEY_SPAN.toLocaleString('en')} apart, so two`,
    ' * scenarios never send the same one: number = base + exec.scenario.iterationInTest.',
    ' */',
    `const JOURNEY_BASE: Record<string, number> = ${tsLiteral(bases)}`,
    '',
    '/** One run id for every VU: Idempotency-Keys are `${RUN_ID}-${k6 scenario}-${iteration}`. */',
    'export function setup(): RunData {',
    "  return { runId: env('RUN_ID') || `k6-${Date.now().toString(36)}` }",
    '}',
  ]
  const written = new Set<string>()
  for (const phase of resolved.phases) {
    for (const workload of phase.workloads) {
      const name = execs.get(workload) as string
      if (written.has(name)) continue
      written.add(name)
      const { mix, thinkTimeMs } = workloadBehaviour(workload)
      const phases = resolved.phases
        .filter((p) => p.workloads.some((w) => execs.get(w) === name))
        .map((p) => p.name)
      lines.push(
        '',
        `/** Workload "${workload.name}" (phase${phases.length > 1 ? 's' : ''} ${phases.join(', ')}): what each arrival plays, by weight. */`,
        `export function ${name}(data: RunData): void {`,
        `  playArrival(data, ${tsLiteral(mix)}, ${thinkTimeMs})`,
        '}',
      )
    }
  }
  return section('Workloads: one exec function each (the scenario’s mix and workloads)', lines.join('\n'))
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
