import { parseArgs } from 'node:util'
import { parseDuration } from '../phase-plan.js'
import { launcherHeadStartMs } from './launcher-head-start.js'
import { defaultOutDir, liveLine, parseSafeguards, resolveDb, usageError } from './command-options.js'

/** `gameday run <scenario|file.ts> …`: plays a game day; resolves 0 pass, 1 fail, 2 could not run. */
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

  const [{ loadScenario }, { runGameDay }] = await Promise.all([
    import('../load-scenario.js'),
    import('../runner.js'),
  ])
  let scenario
  try {
    scenario = await loadScenario(positionals[0] as string)
  } catch (error) {
    return usageError((error as Error).message)
  }
  const db = resolveDb(values.db)
  if (db === undefined) return usageError(`--db must be "embedded" or a postgres:// URL.`)
  if (scenario.needs?.includes('postgres') && db === 'embedded') {
    return usageError(
      `Scenario "${scenario.name}" needs a real Postgres: pass --db postgres://… or set DATABASE_URL.`,
    )
  }
  const seed = seedText !== undefined ? Number(seedText) : (scenario.seed ?? 1)
  const outDir = values.out ?? defaultOutDir(scenario.name)

  const controller = new AbortController()
  let interrupts = 0
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++
    if (interrupts > 1) process.exit(130)
    process.stderr.write(
      `\n${signal}: stopping load, healing faults, writing the report (again to quit now)\n`,
    )
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // A closed stdout (`| head`, a CI log collector gone) stops the run as Ctrl-C does: faults
  // healed, children stopped, the report still written, exit 2 — never an unhandled EPIPE. The
  // listener stays for the life of the process: the last writes fail after this returns.
  process.stdout.on('error', () => controller.abort())

  const off = Object.entries(safeguards)
    .filter(([, on]) => !on)
    .map(([n]) => n)
  process.stdout.write(
    `gameday run ${scenario.name}: seed ${seed}, db ${db === 'embedded' ? 'embedded PGlite' : 'postgres'}` +
      `${off.length ? `, safeguards off: ${off.join(', ')}` : ''}\n`,
  )
  try {
    const result = await runGameDay({
      scenario,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(rate !== undefined ? { rate } : {}),
      seed,
      outDir,
      db,
      safeguards,
      ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
      onLive: (s) => process.stdout.write(`${liveLine(s)}\n`),
      onEvent: (e) => process.stdout.write(`  · ${e}\n`),
      signal: controller.signal,
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
      return 2
    }
    return result.report.verdict === 'pass' ? 0 : 1
  } catch (error) {
    process.stderr.write(`gameday: ${(error as Error).message}\n`)
    return 2
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
