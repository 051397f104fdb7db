import { Toxiproxy } from 'toxiproxy-node-client'
import { processIsAlive } from './run-dirs.js'
import { isStaleRunProxy } from './run-id.js'

/**
 * A run killed with SIGKILL cannot delete its proxies from a shared Toxiproxy; the next run on
 * the same host does, for every run whose runner is gone.
 */
export async function sweepStaleRuns(toxiproxyUrl: string, event: (e: string) => void): Promise<void> {
  const toxiproxy = new Toxiproxy(toxiproxyUrl)
  const proxies = await toxiproxy.getAll().catch(() => ({}))
  for (const [name, proxy] of Object.entries(proxies)) {
    if (!isStaleRunProxy(name, processIsAlive)) continue
    await proxy.remove().catch(() => {})
    event(`removed ${name}, left on the proxy by a run that was killed`)
  }
}
