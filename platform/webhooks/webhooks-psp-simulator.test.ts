import Stripe from 'stripe'
import { afterEach, describe, expect, it } from 'vitest'
import { startPsp } from '../../simulators/index.js'
import { startPlatform } from '../start-platform.js'
import { checkoutOverHttp, TEST_CACHE_DIR } from '../testing/test-platform.js'
import { SUBSCRIBED_PSP_EVENTS } from './psp-event.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('webhooks from the PSP simulator', () => {
  it('verifies the simulator signature and records payment_intent.succeeded for the order, receiving only the events it subscribed to', async () => {
    const psp = await startPsp({ port: 0, seed: 11 })
    closers.push(() => psp.close())
    const stripe = new Stripe('sk_test_gameday', {
      host: '127.0.0.1',
      port: psp.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    })
    // As with Stripe: the endpoint's own secret comes with its creation, and configures the
    // receiver; the endpoint is pointed at the receiver once that listens.
    const endpoint = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/not-yet',
      enabled_events: [...SUBSCRIBED_PSP_EVENTS],
    })
    const platform = await startPlatform({
      cacheDir: TEST_CACHE_DIR,
      pspUrl: psp.url,
      webhookSecret: endpoint.secret ?? '',
    })
    closers.unshift(() => platform.close())
    await stripe.webhookEndpoints.update(endpoint.id, { url: `${platform.url}/v1/webhooks/psp` })
    const orderId = await checkoutOverHttp(platform.url, 'webhook-e2e')
    const end = Date.now() + 10_000
    let events: { type: string; orderId: string | null; processedCount: number }[] = []
    while (Date.now() < end && !events.some((e) => e.type === 'payment_intent.succeeded')) {
      await new Promise((r) => setTimeout(r, 100))
      events = ((await (await fetch(`${platform.url}/__admin/webhooks`)).json()) as { events: typeof events })
        .events
    }
    expect(events.find((e) => e.type === 'payment_intent.succeeded')).toMatchObject({
      orderId,
      processedCount: 1,
    })
    // Subscribed to what the platform acts on only: no charge.* events reach it.
    const subscribed = new Set<string>(SUBSCRIBED_PSP_EVENTS)
    expect(events.filter((e) => !subscribed.has(e.type))).toEqual([])
  })
})
