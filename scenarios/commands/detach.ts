import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sleep } from '../load/abortable-sleep.js'
import { systemClock } from '../../lib/clock.js'
import { EXIT } from '../../lib/exit-codes.js'

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

  const deadline = systemClock.monotonic() + START_TIMEOUT_MS
  for (;;) {
    const first = readFileSync(logFile, 'utf8').split('\n')[0] ?? ''
    if (first.startsWith('{')) {
      const endpoints = JSON.parse(first) as Record<string, unknown>
      if (options.pidFile) writeFileSync(options.pidFile, `${child.pid}\n`)
      if (options.json) process.stdout.write(`${first}\n`)
      else
        process.stdout.write(
          [
            `platform  ${String(endpoints.platform)}`,
            `psp       ${String(endpoints.psp)}`,
            `tax       ${String(endpoints.tax)}`,
            `fraud     ${String(endpoints.fraud)}`,
            `proxy     ${String(endpoints.proxy)}`,
            `webhook secret  ${String(endpoints.webhookSecret)}`,
            `Running in the background as pid ${child.pid} (log: ${logFile}).`,
            `Stop it with: kill ${child.pid}`,
            '',
          ].join('\n'),
        )
      return EXIT.PASS
    }
    if (exited || systemClock.monotonic() > deadline) {
      if (!exited) child.kill('SIGTERM')
      process.stderr.write(
        `gameday up --detach: the stack ${exited ?? 'did not start in time'}:\n${readFileSync(logFile, 'utf8')}`,
      )
      return EXIT.NOT_RUN
    }
    await sleep(100)
  }
}
