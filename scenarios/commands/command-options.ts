import { join } from 'node:path'
import { systemClock, type Clock } from '../../lib/clock.js'
import {
  IMPLEMENTED_SAFEGUARDS,
  SAFEGUARDS,
  isImplementedSafeguard,
  isSafeguardName,
} from '../../platform/safeguards.js'
import type { LiveStats } from '../load/load-driver.js'
import { EXIT } from '../../lib/exit-codes.js'
import { parseDuration } from '../format/phase-plan.js'

/** Where command output goes; the CLI passes process.stdout/stderr, tests their own streams. */
export interface CommandIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

/** `--safeguard NAME=off|on` flags over "every safeguard on"; a message string when one is bad. */
export function parseSafeguards(flags: string[]): Record<string, boolean> | string {
  const safeguards: Record<string, boolean> = Object.fromEntries(SAFEGUARDS.map((name) => [name, true]))
  for (const flag of flags) {
    const match = /^([a-z-]+)=(on|off)$/.exec(flag)
    if (!match) return `--safeguard "${flag}" must be NAME=off or NAME=on.`
    const [, name, state] = match as unknown as [string, string, string]
    if (!isSafeguardName(name)) return `Unknown safeguard "${name}". Known: ${SAFEGUARDS.join(', ')}.`
    // A switch that changes nothing would let a run claim a safeguard was tested when it was not.
    if (!isImplementedSafeguard(name))
      return `Safeguard "${name}" is not implemented yet: switching it off would change nothing. Implemented: ${IMPLEMENTED_SAFEGUARDS.join(', ')}.`
    safeguards[name] = state === 'on'
  }
  return safeguards
}

/** `--db` wins over DATABASE_URL; undefined when it names something we cannot use. */
export function resolveDb(flag: string | undefined): string | undefined {
  const db = flag ?? (process.env.DATABASE_URL || 'embedded')
  return db === 'embedded' || /^postgres(ql)?:\/\//.test(db) ? db : undefined
}

/** Where a run's reports go unless `--out` says: `reports/out/<time>-<scenario>/`. */
export function defaultOutDir(scenarioName: string, clock: Clock = systemClock): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-')
  return join('reports', 'out', `${stamp}-${scenarioName}`)
}

export function liveLine(s: LiveStats): string {
  const t = `${(s.atMs / 1000).toFixed(0)}s`.padStart(4)
  return (
    `${t}  ${s.phase.padEnd(10)} ${s.startedPerS.toFixed(1).padStart(6)}/s  ok ${String(s.ok).padStart(5)}` +
    `  fail ${String(s.fail).padStart(4)}  info ${String(s.info).padStart(4)}  in-flight ${String(s.inFlight).padStart(3)}` +
    `  p50 ${s.p50Ms.toFixed(1).padStart(6)} ms  p99 ${s.p99Ms.toFixed(1).padStart(7)} ms` +
    // Only when the driver fell behind: arrivals it could not start are not the platform's errors.
    (s.dropped > 0 ? `  dropped ${s.dropped}` : '')
  )
}

export function usageError(message: string, io: CommandIo = process): number {
  io.stderr.write(`gameday: ${message}\nRun "gameday --help" for usage.\n`)
  return EXIT.NOT_RUN
}

/** An environment variable's name, as POSIX shells take it. */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `--env KEY=VALUE` flags (repeatable; a later one wins) as the pairs a scenario function gets over
 * the process's environment; a message string when one is malformed. The value may be empty or
 * hold `=`.
 * @example parseEnvPairs(['RATE=20', 'TOKEN=a=b']) // { RATE: '20', TOKEN: 'a=b' }
 */
export function parseEnvPairs(flags: readonly string[]): Record<string, string> | string {
  const env: Record<string, string> = {}
  for (const flag of flags) {
    const at = flag.indexOf('=')
    const key = at < 0 ? flag : flag.slice(0, at)
    if (at < 0 || !ENV_KEY.test(key))
      return `--env "${flag}" must be KEY=VALUE, KEY a letter or _ then letters, digits or _.`
    env[key] = flag.slice(at + 1)
  }
  return env
}

/** The scenario flags as `parseArgs` gives them; a command passes the ones it takes. */
export interface ScenarioFlagValues {
  duration?: string
  rate?: string
  seed?: string
  env?: string[]
}

/** What the scenario flags ask for; absent = the scenario's own. */
export interface ScenarioFlags {
  durationMs?: number
  rate?: number
  seed?: number
  /** `--env` pairs (none = `{}`). */
  env: Record<string, string>
}

/**
 * `--duration`, `--rate`, `--seed` and `--env` as run, probe, export and validate all take them;
 * a message string for the first bad one.
 * @example parseScenarioFlags({ rate: '20', env: ['A=1'] }) // { rate: 20, env: { A: '1' } }
 */
export function parseScenarioFlags(values: ScenarioFlagValues): ScenarioFlags | string {
  const durationMs = values.duration !== undefined ? parseDuration(values.duration) : undefined
  if (values.duration !== undefined && (durationMs === undefined || durationMs <= 0))
    return `--duration "${values.duration}" is not a duration (try 15s, 1m30s).`
  const rate = parseRateFlag('rate', values.rate)
  if (typeof rate === 'string') return rate
  if (values.seed !== undefined && !/^\d{1,15}$/.test(values.seed))
    return `--seed "${values.seed}" must be a whole number.`
  const env = parseEnvPairs(values.env ?? [])
  if (typeof env === 'string') return env
  return {
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(rate !== undefined ? { rate } : {}),
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    env,
  }
}

/** A rate flag (`--rate`, probe's `--start`/`--max-rate`): undefined when absent, a message when bad. */
export function parseRateFlag(name: string, text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined
  const rate = Number(text)
  return Number.isFinite(rate) && rate > 0 && rate <= 10_000
    ? rate
    : `--${name} "${text}" must be a number of journey arrivals per second in (0, 10000].`
}

/** Where a game day plays: `--db` and the `--safeguard` switches (run and probe). */
export interface TargetFlags {
  db: string
  safeguards: Record<string, boolean>
}

/** `--safeguard` then `--db`, as run and probe take them; a message string for the first bad one. */
export function parseTargetFlags(values: { db?: string; safeguard?: string[] }): TargetFlags | string {
  const safeguards = parseSafeguards(values.safeguard ?? [])
  if (typeof safeguards === 'string') return safeguards
  const db = resolveDb(values.db)
  if (db === undefined) return `--db must be "embedded" or a postgres:// URL.`
  return { db, safeguards }
}

/** Where `run --out` sends things: the report folder, and files streaming one JSON line a second. */
export interface RunOutputs {
  /** The report folder; undefined = the default (`reports/out/<time>-<scenario>/`). */
  dir?: string
  /** `json=FILE` values, in the order given. */
  jsonFiles: string[]
}

/**
 * `--out` flags (repeatable, as k6's): `json=FILE` streams a JSON line per second of load to FILE;
 * any other value is the report folder, given at most once. A message string when they are bad.
 * @example parseOutFlags(['json=live.ndjson', 'reports/ci']) // { dir: 'reports/ci', jsonFiles: ['live.ndjson'] }
 */
export function parseOutFlags(flags: readonly string[]): RunOutputs | string {
  const outputs: RunOutputs = { jsonFiles: [] }
  for (const flag of flags) {
    if (flag.startsWith('json=')) {
      const file = flag.slice('json='.length)
      if (file === '') return '--out json= needs a file: --out json=FILE.'
      outputs.jsonFiles.push(file)
    } else if (flag === '') return '--out needs a folder or json=FILE.'
    else if (outputs.dir !== undefined)
      return `--out names two report folders ("${outputs.dir}", "${flag}"): give one.`
    else outputs.dir = flag
  }
  return outputs
}
