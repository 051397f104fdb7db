import { resolveScenario } from '../format/resolve-scenario.js'
import type { Scenario } from '../format/scenario.js'
import { k6Readme } from './k6-readme.js'
import { k6Script, type ScriptSettings } from './k6-script.js'

export interface ExportK6Options {
  /** The seed baked in as `SEED`'s default. @default the scenario's seed, else 1 */
  seed?: number
  /** Scales every arrival rate and VU count as `gameday run --rate` does. */
  rate?: number
  /** Stretches the phases to this total, as `gameday run --duration` does. */
  durationMs?: number
  /** The environment variable the script reads the platform's base URL from. @default 'BASE_URL' */
  baseUrlEnv?: string
  /** Defaults of environment variables baked into the script (`--env K=V`). */
  env?: Record<string, string>
  /** The command line named in the files' headers. @default `gameday export k6 <name>` */
  command?: string
}

/**
 * A game day as a k6 load: `script.ts` (the load and the SLO thresholds) and `README.md` (how to
 * run it, and the faults to play beside it).
 * @example const { files } = exportK6(baseline, { seed: 7 }); files['script.ts']
 */
export function exportK6(
  scenario: Scenario,
  options: ExportK6Options = {},
): { files: Record<string, string> } {
  const resolved = resolveScenario(scenario, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.rate !== undefined ? { rate: options.rate } : {}),
    ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
  })
  const settings: ScriptSettings = {
    baseUrlEnv: options.baseUrlEnv ?? 'BASE_URL',
    env: options.env ?? {},
    command: options.command ?? `gameday export k6 ${scenario.name}`,
  }
  return { files: { 'script.ts': k6Script(resolved, settings), 'README.md': k6Readme(resolved, settings) } }
}
