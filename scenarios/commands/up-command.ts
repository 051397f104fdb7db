import { parseArgs } from 'node:util'
import { parseSafeguards, resolveDb, usageError } from './command-options.js'

/** `gameday up …`: platform, simulators and proxy until SIGINT/SIGTERM; resolves 0, or 2 if they would not start. */
export async function upCommand(args: string[]): Promise<number> {
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

  const { startStack } = await import('../index.js')
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
