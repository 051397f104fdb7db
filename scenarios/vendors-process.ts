import { startProxyServer } from '../chaos/index.js'
import { startSimulators } from '../simulators/index.js'
import { serveAsChild } from './child-entry.js'

/** What the runner asks of the vendors process. */
export interface VendorsConfig {
  seed: number
  /** Start the embedded Toxiproxy-compatible server (false when TOXIPROXY_URL names one). */
  embeddedProxy: boolean
  /** Fixed ports for `gameday up`; 0 or absent = any free port. */
  pspPort?: number
  taxPort?: number
  fraudPort?: number
  proxyPort?: number
}

/** What it answers: base URLs on 127.0.0.1. */
export interface VendorsReady {
  pspUrl: string
  taxUrl: string
  fraudUrl: string
  webhookSecret: string
  proxyUrl?: string
}

// The vendor simulators and the proxy share one process, apart from the load driver's and the
// platform's, so a stall in either of those never hides inside the vendors' timings.
serveAsChild<VendorsConfig, VendorsReady>(async (config) => {
  const sims = await startSimulators({
    host: '127.0.0.1',
    seed: config.seed,
    pspPort: config.pspPort ?? 0,
    taxPort: config.taxPort ?? 0,
    fraudPort: config.fraudPort ?? 0,
  })
  const proxy = config.embeddedProxy
    ? await startProxyServer({ host: '127.0.0.1', port: config.proxyPort ?? 0, seed: config.seed }).catch(
        async (e: unknown) => {
          await sims.close()
          throw e
        },
      )
    : undefined
  return {
    ready: {
      pspUrl: sims.psp.url,
      taxUrl: sims.tax.url,
      fraudUrl: sims.fraud.url,
      webhookSecret: sims.webhookSecret,
      ...(proxy ? { proxyUrl: proxy.url } : {}),
    },
    close: async () => {
      await Promise.allSettled([sims.close(), proxy?.close()])
    },
  }
})
