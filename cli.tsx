#!/usr/bin/env node
import { EventEmitter } from 'node:events'
import { parseArgs } from 'node:util'
// Only light modules load up front: each command imports what it needs, so `--help` and the
// first request of a run are not held up by code the command never uses.
import { builtInScenarios } from './scenarios/catalog/index.js'
import { IMPLEMENTED_SAFEGUARDS } from './platform/safeguards.js'
import { usageError } from './scenarios/commands/command-options.js'
import { EXIT } from './lib/exit-codes.js'

const HELP = `gameday — game days for commerce checkout

Usage:
  gameday list [--long] [--json]        the scenarios, one line each (--long: what each teaches)
  gameday run <scenario|file.ts> [options]
      --duration D        total duration (15s, 1m30s); phases and ramps scale in proportion
      --rate R            base journey arrivals/s; every rate and virtual-user count scales
      --seed N            seed for every random choice (default: the scenario's, else 1)
      --env KEY=VALUE     for a scenario file exporting ({ env }) => scenario (repeatable)
      --out DIR           where reports go (default reports/out/<time>-<scenario>/)
      --out json=FILE     also stream one JSON line per second of load to FILE (repeatable)
      --db embedded|postgres://…   database (default: DATABASE_URL, else embedded PGlite)
      --safeguard NAME=off         switch a safeguard off (repeatable)
      --ci                for a CI log: a progress line every 5 s, never a prompt
      --no-slos           measure the SLOs, judge the run on its integrity checks alone
  gameday up [--json] [--db …] [--seed N] [--platform-port 4000] [--psp-port 12111]
             [--tax-port 12113] [--fraud-port 12114] [--proxy-port 8474] [--safeguard NAME=off]…
             [--detach [--pid-file FILE] [--log-file FILE]]
                                        platform, simulators and proxy until Ctrl-C or until
                                        its caller goes (0 = any port); --detach: in the
                                        background until \`kill PID\` (the pid is printed)
  gameday validate <file|scenario>… [--env KEY=VALUE]… [--json]
                                        check scenario files without running them
  gameday probe <scenario> [--step-duration 10s] [--max-steps N] [--out DIR] [--db …]
                                        step the rate up until the platform breaks
  gameday export k6 <scenario> [--out DIR] [--env KEY=VALUE]…
                                        the scenario as a k6 script
  gameday fault list|add|remove|reset|vendor …   inject and clear faults by hand (gameday fault --help)
  gameday proxy [--host H] [--port 8474] [--config FILE] [--seed N]
                                        the Toxiproxy-compatible server alone
  gameday --help

Exit codes:
  ${EXIT.PASS}    every SLO, budget and integrity check held
  ${EXIT.FAILED}    one failed
  ${EXIT.NOT_RUN}    the run could not be done, or was interrupted (Ctrl-C, SIGTERM, its caller
       gone, its output closed): a partial report is still written
  ${EXIT.QUIT_NOW}  a second Ctrl-C: quit at once
Safeguards (--safeguard NAME=off): ${IMPLEMENTED_SAFEGUARDS.join(', ')}
`

const stdio = { stdout: process.stdout, stderr: process.stderr }

/** Runs the command line; resolves the exit code. Side effects stay here, at the edge. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case undefined:
      // Never a prompt in CI: the interactive UI needs a person at a terminal.
      if (process.stdin.isTTY && process.stdout.isTTY && !process.env.CI) {
        return (await import('./scenarios/commands/interactive-command.js')).interactiveCommand()
      }
      process.stdout.write(HELP)
      return EXIT.PASS
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(HELP)
      return EXIT.PASS
    case 'list':
      return list(rest)
    case 'run':
      return (await import('./scenarios/commands/run-command.js')).runCommand(rest)
    case 'validate':
      return (await import('./scenarios/commands/validate-command.js')).validateCommand(rest, stdio)
    case 'probe':
      return (await import('./scenarios/commands/probe-command.js')).probeCommand(rest, stdio)
    case 'export':
      return (await import('./scenarios/commands/export-command.js')).exportCommand(rest, stdio)
    case 'up':
      return (await import('./scenarios/commands/up-command.js')).upCommand(rest)
    case 'fault':
      return (await import('./scenarios/commands/fault-command.js')).runFaultCommand(rest, stdio)
    case 'proxy': {
      // The server stops on a signal, and — like run and up — when its caller goes away.
      const [{ runProxyCommand }, { followCaller }] = await Promise.all([
        import('./chaos/index.js'),
        import('./scenarios/commands/caller-lifetime.js'),
      ])
      const signals = new EventEmitter()
      const lifetime = followCaller({ onStop: () => {}, onQuitNow: () => process.exit(EXIT.QUIT_NOW) })
      lifetime.signal.addEventListener('abort', () => signals.emit('SIGTERM'), { once: true })
      try {
        return await runProxyCommand(rest, { stdout: process.stdout, stderr: process.stderr, signals })
      } finally {
        lifetime.dispose()
      }
    }
    default:
      return usageError(`Unknown command "${command}".`)
  }
}

function list(args: string[]): number {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, long: { type: 'boolean' } },
      strict: true,
    }))
  } catch (error) {
    return usageError((error as Error).message)
  }
  // `gameday list | head`: a reader gone early is no error.
  process.stdout.on('error', () => process.exit(EXIT.PASS))
  const rows = [...builtInScenarios.values()].map((s) => ({
    name: s.name,
    description: s.description,
    ...(s.teaches !== undefined ? { teaches: s.teaches } : {}),
    exercises: s.exercises ?? [],
  }))
  if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`)
  else {
    const width = Math.max(...rows.map((r) => r.name.length))
    for (const r of rows) {
      process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n`)
      if (values.long && r.teaches !== undefined)
        process.stdout.write(
          `${wrap(r.teaches, 76)
            .map((line) => `    ${line}\n`)
            .join('')}\n`,
        )
    }
  }
  return EXIT.PASS
}

/** Words into lines of at most `width` characters (a longer word keeps a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`gameday: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = EXIT.NOT_RUN
  },
)
