import { performance } from 'node:perf_hooks'
import Stripe from 'stripe'
import { Toxiproxy } from 'toxiproxy-node-client'
import { request } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { descendants, isAlive, killAll, startCli, until } from './run-cli.js'

afterAll(killAll)

interface Endpoints {
  platform: string
  psp: string
  proxy: string
  webhookSecret: string
  links: { platform: string; psp: string }
}

async function checkout(
  baseUrl: string,
  key: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await request(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }
  }
  const cart = await post('/v1/carts', { currency: 'usd' })
  await post(`/v1/carts/${String(cart.body.id)}/items`, { sku: 'sku_tshirt', quantity: 1 })
  return post(
    '/v1/checkouts',
    { cartId: cart.body.id, paymentMethod: 'pm_card_visa' },
    { 'idempotency-key': key },
  )
}

describe('gameday up (real processes, real clients)', () => {
  it('serves platform, PSP and proxy for outside clients, and stops cleanly on SIGTERM', async () => {
    // Every port 0 (any free one): the defaults may be held by a `gameday up` on this machine.
    const anyPorts = ['platform', 'psp', 'tax', 'fraud', 'proxy'].flatMap((name) => [`--${name}-port`, '0'])
    const up = startCli(['up', '--json', ...anyPorts], { timeoutMs: 60_000 })
    await until(() => up.output().includes('\n'), 30_000)
    const endpoints = JSON.parse(up.output().split('\n')[0] as string) as Endpoints
    expect(endpoints.webhookSecret).toMatch(/^whsec_/)
    const children = descendants(up.child.pid as number)

    // The official Stripe client against the PSP simulator.
    const psp = new URL(endpoints.psp)
    const stripe = new Stripe('sk_test_outside', {
      host: psp.hostname,
      port: Number(psp.port),
      protocol: 'http',
      maxNetworkRetries: 0,
    })
    const intent = await stripe.paymentIntents.create({
      amount: 1234,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    expect(intent.status).toBe('succeeded')

    // A checkout through the platform, then again with a toxic on the platform's PSP link,
    // added by the toxiproxy client as any team's tooling would.
    expect((await checkout(endpoints.platform, 'up-1')).status).toBe(201)
    // The quickest of three clean checkouts: one slow by chance on a busy machine is not the baseline.
    let cleanMs = Infinity
    for (const key of ['up-2a', 'up-2b', 'up-2c']) {
      const started = performance.now()
      expect((await checkout(endpoints.platform, key)).status).toBe(201)
      cleanMs = Math.min(cleanMs, performance.now() - started)
    }
    const toxiproxy = new Toxiproxy(endpoints.proxy)
    const link = await toxiproxy.get('psp')
    await link.addToxic({
      name: 'slow_psp',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 600, jitter: 0 },
    })
    const slowStart = performance.now()
    expect((await checkout(endpoints.platform, 'up-3')).status).toBe(201)
    const slowMs = performance.now() - slowStart
    expect(slowMs).toBeGreaterThan(550)
    expect(slowMs).toBeGreaterThan(cleanMs + 400)

    up.child.kill('SIGTERM')
    const result = await up.done
    expect(result.code, result.stdout + result.stderr).toBe(0)
    for (const pid of children) expect(isAlive(pid)).toBe(false)
  }, 90_000)
})
