import type { ResolvedScenario } from '../format/resolve-scenario.js'
import { faultLines } from './k6-faults.js'
import { k6Duration, scenarioEntries } from './k6-options.js'
import { DEFAULT_BASE_URL, type ScriptSettings } from './k6-script.js'
import { sloThresholds } from './k6-thresholds.js'

/**
 * The README.md beside an exported script: how to run it (locally against `gameday up`, against a
 * deployed stack, with the k6 operator), its environment, what was exported and what was not, and
 * the scenario's faults with their times, to play beside it.
 */
export function k6Readme(resolved: ResolvedScenario, settings: ScriptSettings): string {
  const name = resolved.scenario.name
  return [
    `# k6 load for the gameday scenario \`${name}\``,
    '',
    /[.!?]$/.test(resolved.scenario.description)
      ? resolved.scenario.description
      : `${resolved.scenario.description}.`,
    '',
    `Exported by \`${settings.command}\` (seed ${resolved.seed}). It plays the scenario's load — its phases,`,
    'workloads, traffic mix and shopper — as k6 scenarios, and judges its SLOs as k6 thresholds. The faults',
    'are not in the script: play them beside it (below).',
    '',
    '| file | what it holds |',
    '| --- | --- |',
    '| `script.ts` | the k6 script (TypeScript: `k6 run script.ts` on k6 0.57 or later) |',
    '| `README.md` | this page |',
    '',
    ...runningSection(name, settings),
    ...envSection(resolved, settings),
    ...loadSection(resolved),
    ...thresholdsSection(resolved),
    ...stockSection(resolved, settings),
    ...faultsSection(resolved),
    ...notExportedSection(resolved),
  ].join('\n')
}

function runningSection(name: string, settings: ScriptSettings): string[] {
  const env = settings.baseUrlEnv
  return [
    '## Run it',
    '',
    'Against `gameday up` on this machine (the platform on port 4000, the simulators, the proxy):',
    '',
    '```sh',
    'gameday up              # in one terminal: Ctrl-C stops it',
    'k6 run script.ts        # in another',
    '```',
    '',
    '`gameday up` prints the platform twice: directly, and through the proxy (`platform … (through the',
    'proxy: http://127.0.0.1:NNNNN)`). Faults on the `platform` link reach only traffic that goes through',
    `the proxy: for those, run \`k6 run -e ${env}=http://127.0.0.1:NNNNN script.ts\`.`,
    '',
    'Against a deployed stack (the platform with its PSP, tax and fraud calls pointed at the simulators,',
    "or at your vendors' sandboxes):",
    '',
    '```sh',
    `k6 run -e ${env}=https://checkout.staging.example.com -e RUN_ID=gd-$(date +%s) script.ts`,
    '```',
    '',
    'With the [k6 operator](https://github.com/grafana/k6-operator), for more load than one machine',
    'sends: the script in a ConfigMap, a TestRun that runs it on `parallelism` pods (k6 splits every',
    "scenario's rate and VUs between them; iteration numbers, and so the Idempotency-Keys, stay unique).",
    'Give `RUN_ID` explicitly, so every pod keys its checkouts under the same run:',
    '',
    '```sh',
    `kubectl create configmap gameday-${name} --from-file=script.ts`,
    '```',
    '',
    '```yaml',
    'apiVersion: k6.io/v1alpha1',
    'kind: TestRun',
    'metadata:',
    `  name: gameday-${name}`,
    'spec:',
    '  parallelism: 4',
    '  script:',
    '    configMap:',
    `      name: gameday-${name}`,
    '      file: script.ts',
    `  arguments: -e ${env}=http://checkout.shop.svc.cluster.local:4000 -e RUN_ID=gd-${name}-1`,
    '```',
    '',
  ]
}

function envSection(resolved: ResolvedScenario, settings: ScriptSettings): string[] {
  const rows: Array<[string, string, string]> = [
    [
      settings.baseUrlEnv,
      settings.env[settings.baseUrlEnv] ?? DEFAULT_BASE_URL,
      'the platform as shoppers reach it',
    ],
    ['SEED', settings.env.SEED ?? String(resolved.seed), 'seeds the journey kind each arrival draws'],
    [
      'RUN_ID',
      settings.env.RUN_ID ?? '`k6-<time>`, chosen in `setup()`',
      'Idempotency-Keys are `<RUN_ID>-<k6 scenario>-<iteration>`: a new run needs a new id',
    ],
  ]
  for (const [key, value] of Object.entries(settings.env))
    if (!rows.some(([k]) => k === key)) rows.push([key, value, 'given to `gameday export --env`'])
  return [
    '## Environment',
    '',
    'Each is read from `k6 run -e NAME=value`, else the default baked in at export.',
    '',
    '| variable | default | what it is |',
    '| --- | --- | --- |',
    ...rows.map(([k, v, what]) => `| \`${k}\` | ${v.startsWith('`') ? v : `\`${v}\``} | ${what} |`),
    '',
  ]
}

function loadSection(resolved: ResolvedScenario): string[] {
  return [
    '## Load',
    '',
    "One k6 scenario per phase and workload, starting at the phase's start (`startTime`), tagged",
    '`phase` and `workload`; every request is tagged `operation` (`browse`, `view`, `cart`, `item`,',
    '`checkout`, `status`, `refund`) and named by its route.',
    '',
    '| k6 scenario | phase | starts | lasts | executor | exec |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scenarioEntries(resolved).map((e) =>
      e.scenario
        ? `| \`${e.name}\` | ${e.phase.name} | ${k6Duration(e.phase.startMs)} | ${k6Duration(e.phase.durationMs)} | ${e.scenario.executor} | \`${e.scenario.exec}\` |`
        : `| — | ${e.phase.name} | ${k6Duration(e.phase.startMs)} | ${k6Duration(e.phase.durationMs)} | not exported: ${e.skipped ?? ''} | |`,
    ),
    '',
  ]
}

function thresholdsSection(resolved: ResolvedScenario): string[] {
  const { mapped } = sloThresholds(resolved.scenario.slos)
  if (mapped.length === 0) return []
  return [
    '## Thresholds',
    '',
    '| SLO | k6 threshold |',
    '| --- | --- |',
    ...mapped.map(
      (m) =>
        `| ${m.slo.name} (\`${m.slo.metric} ${m.slo.comparator} ${m.slo.threshold}\`) | \`${m.metric}: ${m.expression}\` |`,
    ),
    '',
  ]
}

function stockSection(resolved: ResolvedScenario, settings: ScriptSettings): string[] {
  const stock = Object.entries(resolved.stock)
  if (stock.length === 0) return []
  return [
    '## Before the load',
    '',
    "The scenario sets stock first (its `stock`); with `gameday up`, through the platform's admin API:",
    '',
    '```sh',
    ...stock.map(
      ([sku, units]) =>
        `curl -s -X PUT ${DEFAULT_BASE_URL}/__admin/products/${sku}/stock -H 'content-type: application/json' -d '{"stock":${units}}'`,
    ),
    '```',
    '',
    `(Against a deployed stack, set it as that stack does; \`${settings.baseUrlEnv}\` is where shoppers reach it.)`,
    '',
  ]
}

function faultsSection(resolved: ResolvedScenario): string[] {
  const lines = faultLines(resolved.phases)
  if (lines.length === 0)
    return ['## Faults', '', 'This scenario has none: the load alone is the game day.', '']
  return [
    '## Faults',
    '',
    'Play each at its time, beside the load, with `gameday fault` (against `gameday up`; `--proxy`,',
    '`--psp`, `--tax`, `--fraud` point it at another Toxiproxy and other simulators), and heal it when',
    'its phase ends. Times are from the start of the load. (`gameday run` plays the same timeline',
    'itself, and judges the integrity checks from the ground truth afterwards; k6 does not.)',
    '',
    '| phase | from | until | fault | apply | heal |',
    '| --- | --- | --- | --- | --- | --- |',
    ...lines.map(
      (f) =>
        `| ${f.phase} | ${k6Duration(f.atMs)} | ${k6Duration(f.untilMs)} | ${f.what} | ${f.apply.map(code).join('<br>')} | ${f.heal.map(code).join('<br>')} |`,
    ),
    '',
  ]
}

function notExportedSection(resolved: ResolvedScenario): string[] {
  const { unexported } = sloThresholds(resolved.scenario.slos)
  const population = resolved.population
  return [
    '## What is not exported',
    '',
    '- The faults and any stock to set first (above: play them by hand), and the integrity checks',
    '  (duplicate charges, money conservation, oversell), which read the ground truth after the run:',
    '  `gameday run` does those.',
    ...unexported.map((u) => `- SLO "${u.slo.name}" (\`${u.slo.metric}\`): ${u.reason}.`),
    ...(population.impatient > 0
      ? [
          `- Impatient shoppers (${population.impatient * 100}%, who send a checkout again after ${population.impatientAfterMs} ms): k6's HTTP is synchronous per VU.`,
        ]
      : []),
    "- The population's shopper identities: each arrival draws its own behaviour.",
    '- `status` and `refund` journeys read orders the same VU placed (k6 VUs share no memory); a VU',
    '  that placed none plays a product page instead, as gameday does before the first order.',
    "- Latency runs from the iteration's start, which k6 keeps on schedule while it has VUs; an",
    '  arrival it could not start counts in `dropped_iterations`, not in the latency.',
    '',
  ]
}

function code(text: string): string {
  return text.startsWith('only ') || text === '—' || text.startsWith('start ')
    ? text
    : `\`${text.replace(/\|/g, '\\|')}\``
}
