import { Toxiproxy } from 'toxiproxy-node-client'
import { childEntry, startChild } from './child-process.js'
import { sweepOrphanRunDirs } from './run-dirs.js'
import { registerWebhookEndpoint } from './webhook-endpoint.js'
import { VENDORS_NODE_OPTIONS, type VendorsConfig, type VendorsReady } from './vendors-config.js'

/** Ports and options of `gameday up`; 0 = any free port. */
export interface UpOptions {
  db: string
  seed: number
  platformPort: number
  pspPort: number
  taxPort: number
  fraudPort: number
  proxyPort: number
  safeguards: Record<string, boolean>
  toxiproxyUrl?: string
  cacheDir?: string
}

/** Where everything listens: the contract of `gameday up --json`. */
export interface UpEndpoints {
  platform: string
  psp: string
  tax: string
  fraud: string
  proxy: string
  webhookSecret: string
  /** Proxy links: the platform as shoppers should reach it, and the platform's PSP link. */
  links: { platform: string; psp: string }
}

/**
 * Starts the vendors (simulators + the embedded proxy) and the platform for a team to point its
 * own service or scenarios at, on fixed ports. The platform reaches the PSP through the proxy
 * link `psp`, so toxics added there (by any Toxiproxy client) hit the platform's PSP calls.
 */
export async function startStack(
  options: UpOptions,
): Promise<{ endpoints: UpEndpoints; stop: () => Promise<void> }> {
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {})
  }
  try {
    // Earlier runs and stacks that were SIGKILLed left their databases behind.
    await sweepOrphanRunDirs().catch(() => [])
    const vendors = await startChild<VendorsReady>(
      'vendors',
      childEntry('./vendors-process.js', import.meta.url),
      {
        seed: options.seed,
        embeddedProxy: !options.toxiproxyUrl,
        pspPort: options.pspPort,
        taxPort: options.taxPort,
        fraudPort: options.fraudPort,
        proxyPort: options.proxyPort,
      } satisfies VendorsConfig,
      { nodeOptions: VENDORS_NODE_OPTIONS },
    )
    stops.push(() => vendors.stop())
    const proxyUrl = options.toxiproxyUrl ?? (vendors.ready.proxyUrl as string)
    const toxiproxy = new Toxiproxy(proxyUrl)
    const pspLink = await recreate(toxiproxy, 'psp', new URL(vendors.ready.pspUrl).host)
    stops.push(() => pspLink.remove().then(() => undefined))

    const platform = await startChild<{ url: string }>(
      'platform',
      childEntry('../platform/server.js', import.meta.url),
      {
        host: '127.0.0.1',
        port: options.platformPort,
        db: options.db,
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        pspUrl: `http://${pspLink.listen}`,
        webhookSecret: vendors.ready.webhookSecret,
        safeguards: options.safeguards,
        seed: options.seed,
      },
    )
    stops.push(() => platform.stop())
    const platformLink = await recreate(toxiproxy, 'platform', new URL(platform.ready.url).host)
    stops.push(() => platformLink.remove().then(() => undefined))
    await registerWebhookEndpoint(vendors.ready.pspUrl, platform.ready.url)
    return {
      endpoints: {
        platform: platform.ready.url,
        psp: vendors.ready.pspUrl,
        tax: vendors.ready.taxUrl,
        fraud: vendors.ready.fraudUrl,
        proxy: proxyUrl,
        webhookSecret: vendors.ready.webhookSecret,
        links: { platform: `http://${platformLink.listen}`, psp: `http://${pspLink.listen}` },
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A proxy left by an earlier `up` that was killed is replaced, not reused with stale toxics. */
async function recreate(toxiproxy: Toxiproxy, name: string, upstream: string) {
  const existing = await toxiproxy.get(name).catch(() => undefined)
  await existing?.remove()
  return toxiproxy.createProxy({ name, listen: '127.0.0.1:0', upstream })
}
