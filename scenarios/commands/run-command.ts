import { parseArgs } from 'node:util'
import { parseDuration } from '../format/phase-plan.js'
import { describeStop, followCaller } from './caller-lifetime.js'
import { defaultOutDir, liveLine, parseSafeguards, resolveDb, usageError } from './command-options.js'
import { EXIT } from '../../lib/exit-codes.js'
import { launcherHeadStartMs } from './launcher.js'

/** Under --ci, one progress line per this many seconds. */
const CI_PROGRESS_EVERY = 5

/** `gameday run <scenario|file.ts> …`: plays a game day; resolves an exit code (exit-codes.ts). */
export async function runCommand(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        duration: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        safeguard: { type: 'string', multiple: true },
        ci: { type: 'boolean' },
        'no-slos': { type: 'boolean' },
      },
    })
  } catch (error) {
    return usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) return usageError('gameday run takes exactly one scenario name or file.')

  const durationMs = values.duration !== undefined ? parseDuration(values.duration) : undefined
  if (values.duration !== undefined && (durationMs === undefined || durationMs <= 0)) {
    return usageError(`--duration "${values.duration}" is not a duration (try 15s, 1m30s).`)
  }
  const rate = values.rate !== undefined ? Number(values.rate) : undefined
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0 && rate <= 10_000)) {
    return usageError(`--rate "${values.rate}" must be a number of checkouts per second in (0, 10000].`)
  }
  const seedText = values.seed
  if (seedText !== undefined && !/^\d{1,15}$/.test(seedText))
    return usageError(`--seed "${seedText}" must be a whole number.`)

  const safeguards = parseSafeguards(values.safeguard ?? [])
  if (typeof safeguards === 'string') return usageError(safeguards)
  const db = resolveDb(values.db)
  if (db === undefined) return usageError(`--db must be "embedded" or a postgres:// URL.`)

  const [{ loadScenario }, { resolveScenario }, { runGameDay }] = await Promise.all([
    import('../format/load-scenario.js'),
    import('../format/resolve-scenario.js'),
    import('../run/run-game-day.js'),
  ])
  let scenario
  try {
    scenario = await loadScenario(positionals[0] as string)
  } catch (error) {
    return usageError((error as Error).message)
  }
  const plan = resolveScenario(scenario, {
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(rate !== undefined ? { rate } : {}),
    ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
  })
  const outDir = values.out ?? defaultOutDir(scenario.name)
  // --ci: plain lines for a log: a progress line every 5 s instead of every second, nothing else
  // that only a terminal wants (run never prompts; the terminal UI never starts under --ci or CI=…).
  const ci = values.ci === true
  const everyNthTick = ci ? CI_PROGRESS_EVERY : 1
  let ticks = 0

  const lifetime = followCaller({
    onStop: (reason) =>
      process.stderr.write(
        `\n${describeStop(reason)}: stopping load, healing faults, writing the report (Ctrl-C again to quit now)\n`,
      ),
    onQuitNow: () => process.exit(EXIT.QUIT_NOW),
  })
  const off = Object.entries(safeguards)
    .filter(([, on]) => !on)
    .map(([n]) => n)
  process.stdout.write(
    `gameday run ${scenario.name}: seed ${plan.seed}, db ${db === 'embedded' ? 'embedded PGlite' : 'postgres'}` +
      `${off.length ? `, safeguards off: ${off.join(', ')}` : ''}\n`,
  )
  try {
    const result = await runGameDay({
      plan,
      outDir,
      db,
      safeguards,
      // --no-slos (k6's --no-thresholds): a slow or shared machine measures latency, not the
      // checkout; the SLOs are still measured and printed, the verdict is the integrity checks.
      judgeSlos: values['no-slos'] !== true,
      ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
      ...(process.env.NATS_URL ? { natsUrl: process.env.NATS_URL } : {}),
      onLive: (s) => {
        if (ticks++ % everyNthTick === 0) process.stdout.write(`${liveLine(s)}\n`)
      },
      onEvent: (e) => process.stdout.write(`  · ${e}\n`),
      signal: lifetime.signal,
    })
    const headStart = launcherHeadStartMs()
    process.stdout.write(
      `  · first request ${Math.round(result.startupMs)} ms after gameday started` +
        (headStart !== undefined
          ? ` (${Math.round(result.startupMs + headStart)} ms after the npm/npx command started)`
          : '') +
        '\n\n',
    )
    const { renderTerminal } = await import('../../reports/index.js')
    process.stdout.write(renderTerminal(result.report))
    process.stdout.write(`\nReports: ${result.files.join(', ')}\n`)
    if (result.interrupted) {
      process.stderr.write('Interrupted: the report covers the part that ran.\n')
      return EXIT.NOT_RUN
    }
    return result.report.verdict === 'pass' ? EXIT.PASS : EXIT.FAILED
  } catch (error) {
    process.stderr.write(`gameday: ${(error as Error).message}\n`)
    return EXIT.NOT_RUN
  } finally {
    lifetime.dispose()
  }
}
