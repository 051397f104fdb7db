#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { join } from 'node:path'
// Only light modules load up front: each command imports what it needs, so `--help` and the
// first request of a run are not held up by code the command never uses.
import { SAFEGUARDS } from './platform/safeguards.js'
import { builtInScenarios } from './scenarios/catalog/index.js'
import { parseDuration } from './scenarios/phase-plan.js'
import type { LiveStats } from './scenarios/index.js'

const HELP = `gameday — game days for commerce checkout

Usage:
  gameday list [--json]                 the scenarios, one line each
  gameday run <scenario|file.ts> [options]
      --duration D        total duration (15s, 1m30s); phases scale in proportion
      --rate R            base arrival rate, checkouts/s; phases scale in proportion
      --seed N            seed for every random choice (default: the scenario's, else 1)
      --out DIR           where reports go (default reports/out/<time>-<scenario>/)
      --db embedded|postgres://…   database (default: DATABASE_URL, else embedded PGlite)
      --safeguard NAME=off         switch a safeguard off (repeatable)
      --ci                plain output, no live refresh
  gameday up [--json] [--db …] [--seed N] [--platform-port 4000] [--psp-port 12111]
             [--tax-port 12113] [--fraud-port 12114] [--proxy-port 8474] [--safeguard NAME=off]…
                                        platform, simulators and proxy until Ctrl-C (0 = any port)
  gameday fault list|add|remove|reset|vendor …   inject and clear faults by hand (gameday fault --help)
  gameday proxy [--host H] [--port 8474] [--config FILE] [--seed N]
                                        the Toxiproxy-compatible server alone
  gameday --help

Exit codes: 0 every SLO and integrity check held; 1 one failed; 2 the run could not be done.
Safeguards: ${SAFEGUARDS.join(', ')}
`

/** Runs the command line; resolves the exit code. Side effects stay here, at the edge. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case undefined:
      if (process.stdin.isTTY && process.stdout.isTTY) return interactive()
      process.stdout.write(HELP)
      return 0
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(HELP)
      return 0
    case 'list':
      return list(rest)
    case 'run':
      return run(rest)
    case 'up':
      return up(rest)
    case 'fault':
      return (await import('./scenarios/fault-command.js')).runFaultCommand(rest, {
        stdout: process.stdout,
        stderr: process.stderr,
      })
    case 'proxy':
      return (await import('./chaos/index.js')).runProxyCommand(rest, {
        stdout: process.stdout,
        stderr: process.stderr,
      })
    default:
      return usageError(`Unknown command "${command}".`)
  }
}

function list(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true })
  const rows = [...builtInScenarios.values()].map((s) => ({ name: s.name, description: s.description }))
  if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`)
  else {
    const width = Math.max(...rows.map((r) => r.name.length))
    for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n`)
  }
  return 0
}

async function run(args: string[]): Promise<number> {
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

  const { loadScenario, runGameDay } = await import('./scenarios/index.js')
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
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const outDir = values.out ?? join('reports', 'out', `${stamp}-${scenario.name}`)

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
    process.stdout.write(`  · first request ${Math.round(result.startupMs)} ms after the command started\n\n`)
    const { renderTerminal } = await import('./reports/index.js')
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

/** `gameday` on a terminal: pick a scenario, watch it live, read the verdict, go again. */
async function interactive(): Promise<number> {
  const [{ render }, { GameDayApp }, { runGameDay }, { renderTerminal }] = await Promise.all([
    import('ink'),
    import('./scenarios/tui/GameDayApp.js'),
    import('./scenarios/index.js'),
    import('./reports/index.js'),
  ])
  const db = resolveDb(undefined) ?? 'embedded'
  const safeguards = parseSafeguards([]) as Record<string, boolean>
  const rows = [...builtInScenarios.values()].map((s) => ({ name: s.name, description: s.description }))
  const app = render(
    <GameDayApp
      rows={rows}
      runScenario={async (name, hooks) => {
        const scenario = builtInScenarios.get(name)
        if (!scenario) throw new Error(`Unknown scenario "${name}"`)
        const stamp = new Date().toISOString().replace(/[:.]/g, '-')
        const outDir = join('reports', 'out', `${stamp}-${name}`)
        const result = await runGameDay({
          scenario,
          seed: scenario.seed ?? 1,
          outDir,
          db,
          safeguards,
          ...hooks,
        })
        return {
          verdict: result.report.verdict,
          summary: `${renderTerminal(result.report)}\nReports: ${outDir}`,
        }
      }}
    />,
    { exitOnCtrlC: true },
  )
  await app.waitUntilExit()
  return 0
}

async function up(args: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        json: { type: 'boolean' },
        db: { type: 'string' },
        seed: { type: 'string', default: '1' },
        'platform-port': { type: 'string', default: '4000' },
        'psp-port': { type: 'string', default: '12111' },
        'tax-port': { type: 'string', default: '12113' },
        'fraud-port': { type: 'string', default: '12114' },
        'proxy-port': { type: 'string', default: '8474' },
        safeguard: { type: 'string', multiple: true },
      },
    }).values
  } catch (error) {
    return usageError((error as Error).message)
  }
  const ports: Record<string, number> = {}
  for (const name of ['platform-port', 'psp-port', 'tax-port', 'fraud-port', 'proxy-port'] as const) {
    const port = Number(values[name])
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      return usageError(`--${name} must be a port (0–65535).`)
    ports[name] = port
  }
  if (!/^\d{1,15}$/.test(values.seed)) return usageError(`--seed "${values.seed}" must be a whole number.`)
  const db = resolveDb(values.db)
  if (db === undefined) return usageError(`--db must be "embedded" or a postgres:// URL.`)
  const safeguards = parseSafeguards(values.safeguard ?? [])
  if (typeof safeguards === 'string') return usageError(safeguards)

  const { startStack } = await import('./scenarios/index.js')
  let stack
  try {
    stack = await startStack({
      db,
      seed: Number(values.seed),
      platformPort: ports['platform-port'] as number,
      pspPort: ports['psp-port'] as number,
      taxPort: ports['tax-port'] as number,
      fraudPort: ports['fraud-port'] as number,
      proxyPort: ports['proxy-port'] as number,
      safeguards,
      ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
    })
  } catch (error) {
    process.stderr.write(`gameday up: ${(error as Error).message}\n`)
    return 2
  }
  const e = stack.endpoints
  if (values.json) process.stdout.write(`${JSON.stringify(e)}\n`)
  else {
    process.stdout.write(
      [
        `platform  ${e.platform}   (through the proxy: ${e.links.platform})`,
        `psp       ${e.psp}   (Stripe-compatible; the platform reaches it through ${e.links.psp})`,
        `tax       ${e.tax}   (AvaTax-shaped)`,
        `fraud     ${e.fraud}   (score and decision)`,
        `proxy     ${e.proxy}   (Toxiproxy API: proxies "platform" and "psp")`,
        `webhook secret  ${e.webhookSecret}`,
        'Ctrl-C to stop.',
        '',
      ].join('\n'),
    )
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await stack.stop()
  return 0
}

/** `--safeguard NAME=off|on` flags over "every safeguard on"; a message string when one is bad. */
function parseSafeguards(flags: string[]): Record<string, boolean> | string {
  const safeguards: Record<string, boolean> = Object.fromEntries(SAFEGUARDS.map((name) => [name, true]))
  for (const flag of flags) {
    const match = /^([a-z-]+)=(on|off)$/.exec(flag)
    if (!match) return `--safeguard "${flag}" must be NAME=off or NAME=on.`
    const [, name, state] = match as unknown as [string, string, string]
    if (!(name in safeguards)) return `Unknown safeguard "${name}". Known: ${SAFEGUARDS.join(', ')}.`
    safeguards[name] = state === 'on'
  }
  return safeguards
}

/** `--db` wins over DATABASE_URL; undefined when it names something we cannot use. */
function resolveDb(flag: string | undefined): string | undefined {
  const db = flag ?? (process.env.DATABASE_URL || 'embedded')
  return db === 'embedded' || /^postgres(ql)?:\/\//.test(db) ? db : undefined
}

function liveLine(s: LiveStats): string {
  const t = `${(s.atMs / 1000).toFixed(0)}s`.padStart(4)
  return (
    `${t}  ${s.phase.padEnd(10)} ${s.startedPerS.toFixed(1).padStart(6)}/s  ok ${String(s.ok).padStart(5)}` +
    `  fail ${String(s.fail).padStart(4)}  info ${String(s.info).padStart(4)}  in-flight ${String(s.inFlight).padStart(3)}` +
    `  p50 ${s.p50Ms.toFixed(1).padStart(6)} ms  p99 ${s.p99Ms.toFixed(1).padStart(7)} ms`
  )
}

function usageError(message: string): number {
  process.stderr.write(`gameday: ${message}\nRun "gameday --help" for usage.\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`gameday: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 2
  },
)
