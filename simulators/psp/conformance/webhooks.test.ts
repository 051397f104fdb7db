import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.js'

interface Received {
  body: string
  signature: string
}

let h: Harness | undefined
let receiver: Server | undefined
afterEach(async () => {
  await h?.close()
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
  h = undefined
  receiver = undefined
})

/** A webhook receiver on 127.0.0.1:0 that answers `statusFor(n)` to the n-th request. */
async function startReceiver(
  statusFor: (n: number) => number = () => 200,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString(),
        signature: String(req.headers['stripe-signature']),
      })
      res.writeHead(statusFor(received.length)).end()
    })
  })
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`, received }
}

async function until(check: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
}

interface WebhookLog {
  pending: number
  deliveries: Array<{ status: string; attempts: number }>
}

/** Polls the admin API until no delivery is pending (bounded). */
async function settled(harness: Harness): Promise<WebhookLog> {
  const deadline = Date.now() + 8_000
  for (;;) {
    const log = (await (await harness.admin('/webhooks')).json()) as WebhookLog
    if (log.pending === 0 || Date.now() > deadline) return log
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const verifier = new Stripe('sk_test_123')
const order = { amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }

describe('webhooks', () => {
  it('delivers a signed event for every state change that constructEvent accepts', async () => {
    const sink = await startReceiver()
    h = await startHarness({ webhookEndpoints: [{ url: sink.url }] })
    const pi = await h.stripe.paymentIntents.create(order)
    await until(() => sink.received.length >= 3)
    const events = sink.received.map((r) =>
      verifier.webhooks.constructEvent(r.body, r.signature, h?.psp.webhookSecret ?? ''),
    )
    expect(events.map((e) => e.type).sort()).toEqual([
      'charge.succeeded',
      'payment_intent.created',
      'payment_intent.succeeded',
    ])
    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded')
    expect((succeeded?.data.object as Stripe.PaymentIntent).id).toBe(pi.id)
    const log = await settled(h)
    expect(log.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered'])
  })

  it('registers endpoints through POST /v1/webhook_endpoints, each with its own signing secret', async () => {
    const sink = await startReceiver()
    h = await startHarness()
    const endpoint = await h.stripe.webhookEndpoints.create({
      url: sink.url,
      enabled_events: ['payment_intent.succeeded'],
    })
    const other = await h.stripe.webhookEndpoints.create({
      url: `${sink.url}?other`,
      enabled_events: ['charge.failed'],
    })
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/)
    expect(new Set([endpoint.secret, other.secret, h.psp.webhookSecret]).size).toBe(3)
    // As Stripe: the secret is shown when the endpoint is created, not when it is read back.
    expect((await h.stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined()
    await h.stripe.paymentIntents.create(order)
    await until(() => sink.received.length >= 1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sink.received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual([
      'payment_intent.succeeded',
    ])
    const [delivery] = sink.received
    expect(verifier.webhooks.constructEvent(delivery!.body, delivery!.signature, endpoint.secret!).type).toBe(
      'payment_intent.succeeded',
    )
    expect(() =>
      verifier.webhooks.constructEvent(delivery!.body, delivery!.signature, other.secret!),
    ).toThrow()
    await h.stripe.webhookEndpoints.del(other.id)
    expect((await h.stripe.webhookEndpoints.list()).data).toHaveLength(1)
    expect((await h.stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true)
  })

  it('retries a delivery answered with a 500 until it is accepted', async () => {
    const sink = await startReceiver((n) => (n <= 2 ? 500 : 200))
    h = await startHarness({
      webhookEndpoints: [{ url: sink.url, enabledEvents: ['payment_intent.succeeded'] }],
      webhookRetry: { initialDelayMs: 20 },
    })
    await h.stripe.paymentIntents.create(order)
    await until(() => sink.received.length >= 3)
    const bodies = new Set(sink.received.map((r) => r.body))
    expect(bodies.size).toBe(1)
    const log = await settled(h)
    expect(log.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })])
  })

  it('abandons an attempt the receiver leaves unanswered after the timeout, then retries', async () => {
    let n = 0
    receiver = createServer((req, res) => {
      n += 1
      req.resume()
      if (n > 1) req.on('end', () => res.writeHead(200).end())
    })
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve))
    h = await startHarness({
      webhookEndpoints: [
        {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`,
          enabledEvents: ['payment_intent.succeeded'],
        },
      ],
      webhookRetry: { initialDelayMs: 10, timeoutMs: 150 },
    })
    await h.stripe.paymentIntents.create(order)
    const log = await settled(h)
    expect(log.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })])
  })

  it('reuses its keep-alive connections to an endpoint rather than opening one per delivery', async () => {
    const sink = await startReceiver()
    const sockets = new Set<unknown>()
    receiver?.on('connection', (socket) => sockets.add(socket))
    h = await startHarness({ webhookEndpoints: [{ url: sink.url, enabledEvents: ['*'] }] })
    await h.stripe.paymentIntents.create(order)
    await settled(h)
    const opened = sockets.size
    for (let i = 0; i < 3; i++) {
      await h.stripe.paymentIntents.create(order)
      await settled(h)
    }
    expect(sink.received.length).toBeGreaterThanOrEqual(4)
    expect(sockets.size).toBe(opened)
  })

  it('duplicates, drops and mis-signs deliveries as fault rules say', async () => {
    const sink = await startReceiver()
    h = await startHarness({ webhookEndpoints: [{ url: sink.url }] })
    await h.addFault({
      match: { eventType: 'payment_intent.succeeded' },
      effect: { type: 'webhook-duplicate', copies: 2 },
    })
    await h.addFault({ match: { eventType: 'payment_intent.created' }, effect: { type: 'webhook-drop' } })
    await h.addFault({ match: { eventType: 'charge.*' }, effect: { type: 'webhook-bad-signature' } })
    await h.stripe.paymentIntents.create(order)
    await until(() => sink.received.length >= 4)
    await until(() => false, 150)
    const types = sink.received.map((r) => (JSON.parse(r.body) as { type: string }).type).sort()
    expect(types).toEqual([
      'charge.succeeded',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
    ])
    const secret = h.psp.webhookSecret
    for (const r of sink.received) {
      const type = (JSON.parse(r.body) as { type: string }).type
      if (type === 'charge.succeeded')
        expect(() => verifier.webhooks.constructEvent(r.body, r.signature, secret)).toThrow()
      else expect(verifier.webhooks.constructEvent(r.body, r.signature, secret).type).toBe(type)
    }
    const applied = (await (await h.admin('/faults/applied')).json()) as {
      entries: Array<{ effect: string }>
    }
    expect(applied.entries.map((e) => e.effect).sort()).toEqual([
      'webhook-bad-signature',
      'webhook-drop',
      'webhook-duplicate',
    ])
  })

  it('forges an event the PSP never sent, signed with a key that is not the secret, beside the real one', async () => {
    const sink = await startReceiver()
    const harness = await startHarness({ webhookEndpoints: [{ url: sink.url }] })
    h = harness
    await harness.addFault({
      match: { eventType: 'payment_intent.created' },
      effect: { type: 'webhook-forge', as: 'payment_intent.succeeded' },
    })
    const intent = await harness.stripe.paymentIntents.create({ ...order, confirm: false })
    await until(() => sink.received.some((r) => r.body.includes('evt_forged')))
    const forged = sink.received.find((r) => r.body.includes('evt_forged'))!
    const body = JSON.parse(forged.body) as { type: string; data: { object: { id: string; status: string } } }
    expect(body.type).toBe('payment_intent.succeeded')
    expect(body.data.object).toMatchObject({ id: intent.id, status: 'succeeded' })
    expect(() =>
      verifier.webhooks.constructEvent(forged.body, forged.signature, harness.psp.webhookSecret),
    ).toThrow()
    // The real event still comes, and the forgery is not one of the PSP's events.
    expect(
      sink.received.some((r) => (JSON.parse(r.body) as { type: string }).type === 'payment_intent.created'),
    ).toBe(true)
    const events = await harness.stripe.events.list({ limit: 100 })
    expect(events.data.some((e) => e.id.startsWith('evt_forged'))).toBe(false)
  })

  it('delays and reorders deliveries within a window', async () => {
    const sink = await startReceiver()
    h = await startHarness({ webhookEndpoints: [{ url: sink.url }] })
    await h.addFault({ effect: { type: 'webhook-delay', distribution: { type: 'fixed', ms: 300 } } })
    await h.addFault({ effect: { type: 'webhook-reorder', windowMs: 200 } })
    const start = Date.now()
    await h.stripe.paymentIntents.create(order)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(sink.received).toHaveLength(0)
    await until(() => sink.received.length >= 3)
    expect(Date.now() - start).toBeGreaterThanOrEqual(280)
    const applied = (await (await h.admin('/faults/applied')).json()) as {
      entries: Array<{ effect: string }>
    }
    expect(applied.entries.filter((e) => e.effect === 'webhook-reorder')).toHaveLength(3)
  })
})
