import { once, type EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import type { Clock } from '../lib/clock.js'
import { parseProxyCommandArgs, proxyCommandUsage } from './proxy-command-args.js'
import type { ProxyConfig } from './proxy-collection.js'
import { startProxyServer } from './proxy-server.js'
import { toxiproxyApiVersion } from './version.js'
import { EXIT } from '../lib/exit-codes.js'

/** Streams (and, for tests, the signal source) of {@link runProxyCommand}. */
export interface ProxyCommandIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  /** Emits SIGINT/SIGTERM; @default process */
  signals?: EventEmitter
  /** Time for the toxics; @default systemClock (lib/clock.ts) */
  clock?: Clock
}

/**
 * `gameday proxy`: runs the embedded Toxiproxy-compatible server until SIGINT or SIGTERM, then
 * closes every listener and connection.
 * @returns 0 after a clean stop (or --help); 2 for bad flags, an unreadable config or a port in use
 * @example process.exitCode = await runProxyCommand(process.argv.slice(3), process)
 */
export async function runProxyCommand(argv: string[], io: ProxyCommandIo): Promise<number> {
  const args = parseProxyCommandArgs(argv)
  if (args.kind === 'help') {
    io.stdout.write(proxyCommandUsage)
    return EXIT.PASS
  }
  if (args.kind === 'error') {
    io.stderr.write(`gameday proxy: ${args.message}\n${proxyCommandUsage}`)
    return EXIT.NOT_RUN
  }
  let proxies: ProxyConfig[] = []
  if (args.config !== undefined) {
    try {
      const parsed: unknown = JSON.parse(await readFile(args.config, 'utf8'))
      if (!Array.isArray(parsed)) throw new Error('expected a JSON array of proxies')
      proxies = parsed as ProxyConfig[]
    } catch (error) {
      io.stderr.write(`gameday proxy: Failed to read config (${args.config}): ${reason(error)}\n`)
      return EXIT.NOT_RUN
    }
  }
  const signals = io.signals ?? process
  // Listen for signals before starting, so one that arrives during start-up is not lost.
  const stop = Promise.race([once(signals, 'SIGINT'), once(signals, 'SIGTERM')])
  let server
  try {
    server = await startProxyServer({
      host: args.host,
      port: args.port,
      seed: args.seed,
      proxies,
      ...(io.clock !== undefined ? { clock: io.clock } : {}),
    })
  } catch (error) {
    io.stderr.write(`gameday proxy: Failed to start on ${args.host}:${args.port}: ${reason(error)}\n`)
    return EXIT.NOT_RUN
  }
  const populated = proxies.length > 0 ? `, ${proxies.length} proxies from ${args.config}` : ''
  io.stdout.write(
    `Toxiproxy-compatible API (v${toxiproxyApiVersion}) listening on ${server.url} (seed ${args.seed}${populated})\n`,
  )
  await stop
  await server.close()
  return EXIT.PASS
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'EADDRINUSE' ? 'address already in use' : error.message
  }
  return String(error)
}
