/** What `gameday proxy` was asked to do. */
export type ProxyCommandArgs =
  | { kind: 'help' }
  | { kind: 'run'; host: string; port: number; config: string | undefined; seed: number }
  | { kind: 'error'; message: string }

const valueFlags = new Set(['host', 'port', 'config', 'seed'])

/** Usage text of `gameday proxy`. */
export const proxyCommandUsage = `Usage: gameday proxy [--host 127.0.0.1] [--port 8474] [--config FILE] [--seed N]

Runs the embedded Toxiproxy-compatible server (a drop-in for toxiproxy-server).
  --host, -host HOST     address of the control API (default 127.0.0.1)
  --port, -port PORT     port of the control API (default 8474; 0 = any free port)
  --config, -config FILE JSON array of proxies to create at start (like POST /populate)
  --seed, -seed N        seed of toxicity and jitter draws, so runs replay (default 0)
  --help, -h             this text
`

/**
 * Parses flags the way Go's flag package does for toxiproxy-server: one or two dashes, the value
 * after a space or an `=`.
 */
export function parseProxyCommandArgs(argv: readonly string[]): ProxyCommandArgs {
  const values: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (match === null) return { kind: 'error', message: `unexpected argument: ${arg}` }
    const name = match[1] ?? ''
    if (name === 'help' || name === 'h') return { kind: 'help' }
    if (!valueFlags.has(name)) return { kind: 'error', message: `unknown flag: ${arg}` }
    let value = match[2]
    if (value === undefined) {
      value = argv[i + 1]
      i += 1
    }
    if (value === undefined) return { kind: 'error', message: `flag needs a value: -${name}` }
    values[name] = value
  }
  const port = Number(values.port ?? '8474')
  if (!/^\d+$/.test(values.port ?? '8474') || port > 65535) {
    return { kind: 'error', message: `invalid port: ${values.port}` }
  }
  const seed = Number(values.seed ?? '0')
  if (!Number.isSafeInteger(seed)) return { kind: 'error', message: `invalid seed: ${values.seed}` }
  return { kind: 'run', host: values.host ?? '127.0.0.1', port, config: values.config, seed }
}
