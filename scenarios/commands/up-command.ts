import { parseArgs } from 'node:util'
import { followCaller, describeStop } from './caller-lifetime.js'
import { parseSafeguards, resolveDb, usageError } from './command-options.js'
import { DETACHED_ENV, startDetached } from './detach.js'
import { endpointLines } from './endpoint-lines.js'
import { EXIT } from '../../lib/exit-codes.js'

/**
 * `gameday up …`: platform, simulators and proxy until SIGINT/SIGTERM or until its caller goes
 * away; with `--detach`, in the background until `kill <pid>` (for a CI job that starts the stack
 * in one step and uses it in the next). Resolves 0, or 2 if it would not start.
 */
export async function upCommand(args: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        json: { type: 'boolean' },
        detach: { type: 'boolean' },
        'pid-file': { type: 'string' },
        'log-file': { type: 'string' },
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
    if (!/^\d+$/.test(values[name]) || port > 65_535) return usageError(`--${name} must be a port (0–65535).`)
    ports[name] = port
  }
  if (!/^\d{1,15}$/.test(values.seed)) return usageError(`--seed "${values.seed}" must be a whole number.`)
  const db = resolveDb(values.db)
  if (db === undefined) return usageError(`--db must be "embedded" or a postgres:// URL.`)
  const safeguards = parseSafeguards(values.safeguard ?? [])
  if (typeof safeguards === 'string') return usageError(safeguards)
  if ((values['pid-file'] || values['log-file']) && !values.detach)
    return usageError('--pid-file and --log-file go with --detach.')

  if (values.detach && process.env[DETACHED_ENV] !== '1') {
    return startDetached({
      args: args.filter((a) => a !== '--json'),
      json: values.json === true,
      ...(values['pid-file'] ? { pidFile: values['pid-file'] } : {}),
      ...(values['log-file'] ? { logFile: values['log-file'] } : {}),
    })
  }

  // The detached process has no caller to follow: it stops on a signal only.
  const detached = process.env[DETACHED_ENV] === '1'
  let stopReason = ''
  const lifetime = followCaller({
    onStop: (reason) => (stopReason = describeStop(reason)),
    onQuitNow: () => process.exit(EXIT.QUIT_NOW),
    ...(detached ? { watchCaller: false, watchOutput: false } : {}),
  })
  const [{ startStack }, { newRunId }, { systemClock, stopwatch }] = await Promise.all([
    import('../stack/start-stack.js'),
    import('../stack/run-id.js'),
    import('../../lib/clock.js'),
  ])
  let stack
  try {
    stack = await startStack({
      db,
      seed: Number(values.seed),
      safeguards,
      runId: newRunId(),
      plainProxyNames: true,
      ports: {
        platform: ports['platform-port'] as number,
        psp: ports['psp-port'] as number,
        tax: ports['tax-port'] as number,
        fraud: ports['fraud-port'] as number,
        proxy: ports['proxy-port'] as number,
      },
      ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
      ...(process.env.NATS_URL ? { natsUrl: process.env.NATS_URL } : {}),
      clock: systemClock,
      elapsed: stopwatch(systemClock).elapsed,
    })
  } catch (error) {
    lifetime.dispose()
    process.stderr.write(`gameday up: ${(error as Error).message}\n`)
    return EXIT.NOT_RUN
  }
  try {
    if (lifetime.signal.aborted) {
      process.stderr.write(`gameday up: ${stopReason}: stopping\n`)
      return EXIT.PASS
    }
    const e = stack.endpoints
    if (values.json || detached) process.stdout.write(`${JSON.stringify({ ...e, pid: process.pid })}\n`)
    else {
      process.stdout.write([...endpointLines(e), 'Ctrl-C to stop.', ''].join('\n'))
    }
    await new Promise<void>((resolve) => {
      if (lifetime.signal.aborted) resolve()
      else lifetime.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    process.stderr.write(`gameday up: ${stopReason}: stopping\n`)
    return EXIT.PASS
  } finally {
    await stack.close()
    lifetime.dispose()
  }
}
