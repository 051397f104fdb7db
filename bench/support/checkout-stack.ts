// One checkout stack for the benches, laid out as a game day's (scenarios/stack/start-stack.ts):
//
//   shoppers ─▶ [proxy platform] ─▶ platform ─┬▶ [proxy psp]   ─▶ PSP   ┐
//                                             ├▶ [proxy tax]   ─▶ tax   ├ vendors process
//                                             └▶ [proxy fraud] ─▶ fraud ┘
//                                      └─SQL─▶ [proxy db] ─▶ Postgres (a postgres:// db only)
//
// but with the proxy in its own process (the stack runs it inside the vendors'), so each process's
// CPU reads apart, and with the saga optional: `saga: false` starts the platform without taxUrl and
// fraudUrl (PSP-only checkout, automatic capture), which `startStack` no longer offers. The
// platform and vendors run from the build's bundles (dist/, as `gameday run` starts them; `npm run
// bench` builds first) when there are any, else from source through tsx.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { NetworkFaults } from '../../chaos/client.js'
import { entropyHex, entropyToken } from '../../lib/random.js'
import { childEntry, startChild } from '../../scenarios/stack/child-process.js'
import { dropSchema } from '../../scenarios/stack/drop-schema.js'
import { hostPort, withHostPort } from '../../scenarios/stack/local-addresses.js'
import type { PlatformStartConfig } from '../../scenarios/stack/platform-process.js'
import {
  VENDORS_NODE_OPTIONS,
  type VendorsConfig,
  type VendorsReady,
} from '../../scenarios/stack/vendors-config.js'
import { registerWebhookEndpoint } from '../../scenarios/stack/webhook-endpoint.js'
import type { ProxyChildConfig, ProxyChildReady } from './proxy-child.js'

export interface CheckoutStack {
  /** The platform as shoppers reach it: through its proxy link. */
  url: string
  pids: { platform: number; vendors: number; proxy: number }
  /** Stops every process (platform first) and drops the Postgres schema. Idempotent. */
  close(): Promise<void>
}

/** A child's entry: its bundle under dist/ when built, else the source. */
function entry(repoPathJs: string): { modulePath: string; execArgv: string[] } {
  const bundle = fileURLToPath(
    new URL(`../../dist/${repoPathJs.replace(/\.js$/, '.bundle.js')}`, import.meta.url),
  )
  if (existsSync(bundle)) return { modulePath: bundle, execArgv: [] }
  return childEntry(`../../${repoPathJs}`, import.meta.url)
}

/** Whether the children run from dist/ (for the bench's header line). */
export const fromBuild = existsSync(
  fileURLToPath(new URL('../../dist/platform/server.bundle.js', import.meta.url)),
)

/** A child given a minute to start: the machine is shared, and from source tsx compiles first. */
const startTimeoutMs = 60_000

/** Starts vendors, proxy and platform as child processes; on a failed start, undoes what it did. */
export async function startCheckoutStack(options: {
  saga: boolean
  /** 'embedded' or a postgres:// URL. */
  db: string
  seed: number
}): Promise<CheckoutStack> {
  const cleanups: Array<() => Promise<void>> = []
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
    })())
  try {
    const webhookSecret = `whsec_${entropyToken(24)}`
    const vendorsStarting = startChild<VendorsReady>(
      'vendors',
      entry('scenarios/stack/vendors-process.js'),
      { seed: options.seed, embeddedProxy: false, webhookSecret } satisfies VendorsConfig,
      { nodeOptions: VENDORS_NODE_OPTIONS, timeoutMs: startTimeoutMs },
    )
    vendorsStarting.catch(() => {})
    cleanups.push(() =>
      vendorsStarting.then(
        (v) => v.stop(),
        () => {},
      ),
    )
    const proxyStarting = startChild<ProxyChildReady>(
      'proxy',
      childEntry('./proxy-child.js', import.meta.url),
      { seed: options.seed } satisfies ProxyChildConfig,
      { timeoutMs: startTimeoutMs },
    )
    proxyStarting.catch(() => {})
    cleanups.push(() =>
      proxyStarting.then(
        (p) => p.stop(),
        () => {},
      ),
    )
    const [vendors, proxy] = await Promise.all([vendorsStarting, proxyStarting])

    const network = await NetworkFaults.create({
      toxiproxyUrl: proxy.ready.proxyUrl,
      runId: '',
      now: () => 0,
    })
    const link = async (name: string, upstream: string) => (await network.link(name, { upstream })).url
    const pspLink = await link('psp', hostPort(vendors.ready.pspUrl))
    const taxLink = await link('tax', hostPort(vendors.ready.taxUrl))
    const fraudLink = await link('fraud', hostPort(vendors.ready.fraudUrl))
    const embedded = options.db === 'embedded'
    const pgSchema = embedded ? undefined : `bench_checkout_${entropyHex(6)}`
    const dbLink = embedded
      ? undefined
      : (await network.link('db', { upstream: hostPort(options.db) })).listen
    if (pgSchema) cleanups.push(() => dropSchema(options.db, pgSchema))

    const config: PlatformStartConfig = {
      host: '127.0.0.1',
      port: 0,
      db: dbLink ? withHostPort(options.db, dbLink) : 'embedded',
      ...(pgSchema ? { pgSchema } : {}),
      pspUrl: pspLink,
      ...(options.saga ? { taxUrl: taxLink, fraudUrl: fraudLink } : {}),
      webhookSecret,
      seed: options.seed,
    }
    // startChild rather than PlatformProcess.start: the same fork and IPC, with a longer start timeout.
    const platformStarting = startChild<{ url: string }>('platform', entry('platform/server.js'), config, {
      timeoutMs: startTimeoutMs,
    })
    platformStarting.catch(() => {})
    cleanups.push(() =>
      platformStarting.then(
        (p) => p.stop(),
        () => {},
      ),
    )
    const platform = await platformStarting
    const platformLink = await link('platform', hostPort(platform.ready.url))
    // As the stack does: the PSP's webhooks reach the platform directly, not through a link.
    await registerWebhookEndpoint(vendors.ready.pspUrl, platform.ready.url, webhookSecret)
    const pid = (p: number | undefined, name: string): number => {
      if (p === undefined) throw new Error(`Failed to start the checkout stack: ${name} has no pid`)
      return p
    }
    return {
      url: platformLink,
      pids: {
        platform: pid(platform.child.pid, 'platform'),
        vendors: pid(vendors.child.pid, 'vendors'),
        proxy: pid(proxy.child.pid, 'proxy'),
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
