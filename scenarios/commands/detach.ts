import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sleep } from '../load/abortable-sleep.js'
import { systemClock } from '../../lib/clock.js'
import { EXIT } from '../../lib/exit-codes.js'
import type { StackEndpoints } from '../stack/start-stack.js'
import { endpointLines } from './endpoint-lines.js'

/** Set in the environment of the process `--detach` starts: it outlives its caller on purpose. */
export const DETACHED_ENV = 'GAMEDAY_UP_DETACHED'

/** How long the background stack gets to say where it listens. */
const START_TIMEOUT_MS = 60_000

/**
 * `gameday up --detach`: starts `gameday up` again as a background process of its own session
 * (it outlives this one and its caller, on purpose), waits for the line that says where it
 * listens, prints it with the pid to stop it by, and returns. Its output goes to a log file.
 */
export async function startDetached(options: {
  args: string[]
  json: boolean
  pidFile?: string
  logFile?: string
}): Promise<number> {
  const logFile = resolve(options.logFile ?? join(tmpdir(), `gameday-up-${process.pid}.log`))
  const log = openSync(logFile, 'w')
  const child = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, 'up', ...options.args],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, [DETACHED_ENV]: '1' },
    },
  )
  closeSync(log)
  let exited: string | undefined
  child.once('exit', (code, signal) => (exited = `exited (${signal ?? code})`))
  child.unref()

  // Interrupted while waiting: the background stack is stopped, never left with no pid said.
  let interrupted: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals) => (interrupted = signal)
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, onSignal)
  const deadline = systemClock.monotonic() + START_TIMEOUT_MS
  try {
    for (;;) {
      const endpoints = readyLine(readFileSync(logFile, 'utf8'))
      if (endpoints) return announce(endpoints, child.pid as number, logFile, options)
      if (exited || interrupted || systemClock.monotonic() > deadline) {
        if (!exited) child.kill('SIGTERM')
        const why = exited ?? (interrupted ? `was stopped (${interrupted})` : 'did not start in time')
        process.stderr.write(`gameday up --detach: the stack ${why}:\n${readFileSync(logFile, 'utf8')}`)
        return EXIT.NOT_RUN
      }
      await sleep(100)
    }
  } finally {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal)
  }
}

/**
 * The line the background stack prints once it serves: a whole line of JSON with its pid (the
 * log also holds whatever the components write, and a line may be half written when read).
 */
function readyLine(log: string): StackEndpoints | undefined {
  for (const line of log.split('\n').slice(0, -1)) {
    if (!line.startsWith('{')) continue
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>
      if (typeof parsed.pid === 'number' && typeof parsed.platform === 'string')
        return parsed as unknown as StackEndpoints
    } catch {
      // Not the line we wait for.
    }
  }
  return undefined
}

function announce(
  endpoints: StackEndpoints,
  pid: number,
  logFile: string,
  options: { json: boolean; pidFile?: string },
): number {
  if (options.pidFile) writeFileSync(options.pidFile, `${pid}\n`)
  if (options.json) process.stdout.write(`${JSON.stringify(endpoints)}\n`)
  else
    process.stdout.write(
      [
        ...endpointLines(endpoints),
        `Running in the background as pid ${pid} (log: ${logFile}).`,
        `Stop it with: kill ${pid}`,
        '',
      ].join('\n'),
    )
  return EXIT.PASS
}
