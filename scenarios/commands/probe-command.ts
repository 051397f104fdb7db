import { parseArgs } from 'node:util'
import { parseDuration } from '../format/phase-plan.js'
import type { Scenario } from '../format/scenario.js'
import { describeStop, followCaller } from './caller-lifetime.js'
import { defaultOutDir, parseSafeguards, resolveDb, usageError, type CommandIo } from './command-options.js'
import { EXIT } from '../../lib/exit-codes.js'

/** @default 10 s: long enough for a p99 of a few hundred checkouts, short enough for 20 steps. */
const DEFAULT_STEP_MS = 10_000
const DEFAULT_MAX_STEPS = 20

/** What a test may pass instead of the process's own lifetime. */
export interface ProbeCommandDeps {
  /** Stops the probe as Ctrl-C would; given, the command does not follow the process's signals. */
  signal?: AbortSignal
}

/**
 * `gameday probe <scenario|file.ts> …`: the highest offered rate at which every SLO of the scenario
 * holds, found by short game days 10% apart. Resolves 0 when a figure was found, 1 when no rate
 * passed, 2 on a usage error, a step that could not run, or an interrupt.
 */
export async function probeCommand(
  args: string[],
  io: CommandIo,
  deps: ProbeCommandDeps = {},
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'step-duration': { type: 'string' },
        'max-steps': { type: 'string' },
        start: { type: 'string' },
        'max-rate': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        safeguard: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        ci: { type: 'boolean' },
      },
    })
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1)
    return usageError('gameday probe takes exactly one scenario name or file.', io)

  const stepDurationMs =
    values['step-duration'] !== undefined ? parseDuration(values['step-duration']) : DEFAULT_STEP_MS
  if (stepDurationMs === undefined || stepDurationMs <= 0)
    return usageError(`--step-duration "${values['step-duration']}" is not a duration (try 10s, 1m).`, io)
  const maxSteps = values['max-steps'] !== undefined ? Number(values['max-steps']) : DEFAULT_MAX_STEPS
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > 100)
    return usageError(`--max-steps "${values['max-steps']}" must be a whole number from 1 to 100.`, io)
  const start = rateFlag('start', values.start)
  if (typeof start === 'string') return usageError(start, io)
  const maxRate = rateFlag('max-rate', values['max-rate'])
  if (typeof maxRate === 'string') return usageError(maxRate, io)
  const seedText = values.seed
  if (seedText !== undefined && !/^\d{1,15}$/.test(seedText))
    return usageError(`--seed "${seedText}" must be a whole number.`, io)
  const env = parseEnv(values.env ?? [])
  if (typeof env === 'string') return usageError(env, io)
  const safeguards = parseSafeguards(values.safeguard ?? [])
  if (typeof safeguards === 'string') return usageError(safeguards, io)
  const db = resolveDb(values.db)
  if (db === undefined) return usageError(`--db must be "embedded" or a postgres:// URL.`, io)

  let scenario: Scenario
  try {
    scenario = await loadProbeScenario(positionals[0] as string, env)
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  // Rates are reported to 0.1/s; the first step is on that grid too.
  const firstRate = Math.max(0.1, Math.round((start ?? scenario.rate) * 10) / 10)
  if (maxRate !== undefined && maxRate < firstRate)
    return usageError(`--max-rate ${maxRate} is below the first rate probed (${firstRate}/s).`, io)
  const seed = seedText !== undefined ? Number(seedText) : (scenario.seed ?? 1)
  const outDir = values.out ?? defaultOutDir(`probe-${scenario.name}`)
  const ci = values.ci === true

  const lifetime = deps.signal
    ? undefined
    : followCaller({
        onStop: (reason) =>
          io.stderr.write(
            `\n${describeStop(reason)}: ending the current step cleanly, then writing probe.json (Ctrl-C again to quit now)\n`,
          ),
        onQuitNow: () => process.exit(EXIT.QUIT_NOW),
      })
  const signal = deps.signal ?? lifetime?.signal
  const [{ probeRates }, { gameDaySteps }, { probeDocument, figureLine }, { writeProbe }, { stepLine }] =
    await Promise.all([
      import('../probe/probe-rates.js'),
      import('../probe/game-day-steps.js'),
      import('../probe/probe-document.js'),
      import('../probe/write-probe.js'),
      import('../probe/step-line.js'),
    ])
  io.stdout.write(
    `gameday probe ${scenario.name}: from ${firstRate.toFixed(1)}/s, +10% a step, ${stepDurationMs / 1000} s each, ` +
      `at most ${maxSteps} steps${maxRate !== undefined ? ` up to ${maxRate}/s` : ''}; seed ${seed}\n`,
  )
  const playStep = gameDaySteps({
    scenario,
    seed,
    stepDurationMs,
    outDir,
    run: {
      db,
      safeguards,
      ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
      ...(process.env.NATS_URL ? { natsUrl: process.env.NATS_URL } : {}),
      ...(signal ? { signal } : {}),
    },
  })
  try {
    const outcome = await probeRates({
      start: firstRate,
      maxSteps,
      ...(maxRate !== undefined ? { maxRate } : {}),
      ...(signal ? { signal } : {}),
      runStep: (rate, index) => {
        // A terminal gets a line as each step starts, a CI log only the finished ones.
        if (!ci) io.stdout.write(`step ${index}  ${rate.toFixed(1)}/s  running…\n`)
        return playStep(rate, index)
      },
      onStep: (step, index) => io.stdout.write(`${stepLine(step, index)}\n`),
    })
    const document = probeDocument(outcome, { scenario: scenario.name, seed, stepDurationMs })
    const files = await writeProbe(document, outDir)
    io.stdout.write(`\n${figureLine(outcome)}\n${document.note}\nProbe: ${files.join(', ')}\n`)
    if (outcome.stopReason === 'interrupted') {
      io.stderr.write('Interrupted: probe.json covers the steps that ran.\n')
      return EXIT.NOT_RUN
    }
    return outcome.maxPassingRate !== undefined ? EXIT.PASS : EXIT.FAILED
  } catch (error) {
    io.stderr.write(`gameday: ${(error as Error).message}\n`)
    return EXIT.NOT_RUN
  } finally {
    lifetime?.dispose()
  }
}

/** A `--start`/`--max-rate` value in journeys/s; undefined when absent, a message when bad. */
function rateFlag(name: string, text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined
  const rate = Number(text)
  return Number.isFinite(rate) && rate > 0 && rate <= 10_000
    ? rate
    : `--${name} "${text}" must be a number of journeys per second in (0, 10000].`
}

/** `--env K=V` flags as a record; a message string when one is bad. */
function parseEnv(flags: string[]): Record<string, string> | string {
  const env: Record<string, string> = {}
  for (const flag of flags) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(flag)
    if (!match) return `--env "${flag}" must be KEY=VALUE.`
    env[match[1] as string] = match[2] as string
  }
  return env
}

/** The scenario, by name or file; a file's function default export gets the `--env` pairs. */
async function loadProbeScenario(name: string, env: Record<string, string>): Promise<Scenario> {
  const { loadScenario } = await import('../format/load-scenario.js')
  return loadScenario(name, { env })
}
