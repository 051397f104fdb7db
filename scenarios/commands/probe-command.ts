import { parseArgs } from 'node:util'
import { parseDuration } from '../format/phase-plan.js'
import type { Scenario } from '../format/scenario.js'
import { MIN_RATE, roundRate } from '../probe/plan-step.js'
import { describeStop, followCaller } from './caller-lifetime.js'
import {
  defaultOutDir,
  parseRateFlag,
  parseScenarioFlags,
  parseTargetFlags,
  usageError,
  type CommandIo,
} from './command-options.js'
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
  const start = parseRateFlag('start', values.start)
  if (typeof start === 'string') return usageError(start, io)
  const maxRate = parseRateFlag('max-rate', values['max-rate'])
  if (typeof maxRate === 'string') return usageError(maxRate, io)
  const flags = parseScenarioFlags(values)
  if (typeof flags === 'string') return usageError(flags, io)
  const target = parseTargetFlags(values)
  if (typeof target === 'string') return usageError(target, io)

  let scenario: Scenario
  try {
    const { loadScenario } = await import('../format/load-scenario.js')
    scenario = await loadScenario(positionals[0] as string, { env: flags.env })
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  // Rates are reported to 0.1/s; the first step is on that grid too.
  const firstRate = Math.max(MIN_RATE, roundRate(start ?? scenario.rate))
  if (maxRate !== undefined && maxRate < firstRate)
    return usageError(`--max-rate ${maxRate} is below the first rate probed (${firstRate}/s).`, io)
  const seed = flags.seed ?? scenario.seed ?? 1
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
      ...target,
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
