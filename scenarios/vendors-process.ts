import { startProxyServer } from '../chaos/index.js'
import { startPsp } from '../simulators/index.js'
import { serveAsChild } from './child-entry.js'

/** What the runner asks of the vendors process. */
export interface VendorsConfig {
  seed: number
  /** Start the embedded Toxiproxy-compatible server (false when TOXIPROXY_URL names one). */
  embeddedProxy: boolean
  /** Fixed ports for `gameday up`; 0 or absent = any free port. */
  pspPort?: number
  proxyPort?: number
}

/** What it answers: base URLs on 127.0.0.1. */
export interface VendorsReady {
  pspUrl: string
  webhookSecret: string
  proxyUrl?: string
}

// The vendor simulators and the proxy share one process, apart from the load driver's and the
// platform's, so a stall in either of those never hides inside the vendors' timings.
serveAsChild<VendorsConfig, VendorsReady>(async (config) => {
  const psp = await startPsp({ host: '127.0.0.1', port: config.pspPort ?? 0, seed: config.seed })
  const proxy = config.embeddedProxy
    ? await startProxyServer({ host: '127.0.0.1', port: config.proxyPort ?? 0, seed: config.seed }).catch(
        async (e: unknown) => {
          await psp.close()
          throw e
        },
      )
    : undefined
  return {
    ready: { pspUrl: psp.url, webhookSecret: psp.webhookSecret, ...(proxy ? { proxyUrl: proxy.url } : {}) },
    close: async () => {
      await Promise.allSettled([psp.close(), proxy?.close()])
    },
  }
})
