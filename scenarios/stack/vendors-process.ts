import { startProxyServer } from '../../chaos/index.js'
import { startEmbeddedBrokerServer } from '../../platform/broker/embedded-broker-server.js'
import { startSimulators } from '../../simulators/index.js'
import { serveAsChild } from './child-entry.js'
import type { VendorsConfig, VendorsReady } from './vendors-config.js'

// The vendor simulators and the proxy share one process, apart from the load driver's and the
// platform's, so a stall in either of those never hides inside the vendors' timings.
serveAsChild<VendorsConfig, VendorsReady>(async (config) => {
  const sims = await startSimulators({
    host: '127.0.0.1',
    seed: config.seed,
    pspPort: config.pspPort ?? 0,
    taxPort: config.taxPort ?? 0,
    fraudPort: config.fraudPort ?? 0,
    ...(config.webhookSecret ? { webhookSecret: config.webhookSecret } : {}),
  })
  const proxy = config.embeddedProxy
    ? await startProxyServer({ host: '127.0.0.1', port: config.proxyPort ?? 0, seed: config.seed }).catch(
        async (e: unknown) => {
          await sims.close()
          throw e
        },
      )
    : undefined
  // The platform's broker of OrderPaid events, reached through the `broker` link.
  const broker = config.embeddedBroker
    ? await startEmbeddedBrokerServer({ host: '127.0.0.1', port: config.brokerPort ?? 0 }).catch(
        async (e: unknown) => {
          await Promise.allSettled([sims.close(), proxy?.close()])
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
      ...(broker ? { brokerUrl: broker.url } : {}),
    },
    close: async () => {
      await Promise.allSettled([sims.close(), proxy?.close(), broker?.close()])
    },
  }
})
