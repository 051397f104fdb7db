import { closeSync, openSync, writeSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { describeStop, followCaller } from './caller-lifetime.js'
import {
  defaultOutDir,
  liveLine,
  parseOutFlags,
  parseScenarioFlags,
  parseTargetFlags,
  usageError,
} from './command-options.js'
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
        out: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
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

  const flags = parseScenarioFlags(values)
  if (typeof flags === 'string') return usageError(flags)
  const target = parseTargetFlags(values)
  if (typeof target === 'string') return usageError(target)
  const { db, safeguards } = target
  const outputs = parseOutFlags(values.out ?? [])
  if (typeof outputs === 'string') return usageError(outputs)

  const [{ loadScenario }, { resolveScenario }, { runGameDay }] = await Promise.all([
    import('../format/load-scenario.js'),
    import('../format/resolve-scenario.js'),
    import('../run/run-game-day.js'),
  ])
  let scenario
  try {
    scenario = await loadScenario(positionals[0] as string, { env: flags.env })
  } catch (error) {
    return usageError((error as Error).message)
  }
  const plan = resolveScenario(scenario, flags)
  const outDir = outputs.dir ?? defaultOutDir(scenario.name)
  // Opened before anything starts, so a path that cannot be written stops the run at once.
  let seconds: JsonLines
  try {
    seconds = openJsonLines(outputs.jsonFiles)
  } catch (error) {
    process.stderr.write(`gameday: --out json=: ${(error as Error).message}\n`)
    return EXIT.NOT_RUN
  }
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
      ...(outputs.jsonFiles.length > 0 ? { onSecond: (point) => seconds.write(point) } : {}),
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
    seconds.close()
    lifetime.dispose()
  }
}

/** Files that take one JSON object per line (`--out json=FILE`). */
export interface JsonLines {
  write(value: unknown): void
  close(): void
}

/**
 * Opens (truncating) every file for JSON lines. Each line is written synchronously: a line a
 * second costs nothing, and what was written is on disk even when a second Ctrl-C quits at once.
 * A write that fails (a full disk) stops that file, not the run.
 */
export function openJsonLines(files: readonly string[]): JsonLines {
  const fds: Array<number | undefined> = []
  try {
    for (const file of files) fds.push(openSync(file, 'w'))
  } catch (error) {
    for (const fd of fds) if (fd !== undefined) closeSync(fd)
    throw error
  }
  return {
    write(value) {
      const line = `${JSON.stringify(value)}\n`
      fds.forEach((fd, i) => {
        if (fd === undefined) return
        try {
          writeSync(fd, line)
        } catch {
          fds[i] = undefined
          try {
            closeSync(fd)
          } catch {
            // Already unusable: nothing more to lose.
          }
        }
      })
    },
    close() {
      fds.forEach((fd, i) => {
        if (fd !== undefined) closeSync(fd)
        fds[i] = undefined
      })
    },
  }
}
