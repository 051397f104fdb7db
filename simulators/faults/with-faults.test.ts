import { request as httpRequest } from 'node:http'
import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from '../psp/conformance/harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness({ seed: 99 })
})
afterEach(async () => {
  await h.close()
})

const route = { method: 'POST', path: '/v1/payment_intents' }
const order = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }

/** One raw request: resolves with status and body, or with the socket error's code. */
function rawPost(
  url: string,
  timeoutMs = 2_000,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      `${url}/v1/payment_intents`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_1', 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
        res.on('error', (e: NodeJS.ErrnoException) =>
          resolve({ status: res.statusCode ?? 0, error: e.code ?? e.message }),
        )
        res.on('aborted', () => resolve({ status: res.statusCode ?? 0, error: 'aborted' }))
      },
    )
    req.setTimeout(timeoutMs, () => {
      req.destroy()
      resolve({ error: 'timeout' })
    })
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    req.end('amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true')
  })
}

describe('the fault model on the PSP', () => {
  it('adds a fixed latency to matching requests only', async () => {
    await h.addFault({ match: route, effect: { type: 'latency', distribution: { type: 'fixed', ms: 300 } } })
    let start = performance.now()
    await h.stripe.paymentIntents.create(order)
    expect(performance.now() - start).toBeGreaterThanOrEqual(290)
    start = performance.now()
    await h.stripe.paymentIntents.list()
    expect(performance.now() - start).toBeLessThan(250)
  })

  it('answers injected errors in Stripe shape and saves nothing under the key', async () => {
    await h.addFault({ match: route, schedule: { times: 1 }, effect: { type: 'error', status: 503 } })
    const error = await rejection(h.stripe.paymentIntents.create(order, { idempotencyKey: 'e-1' }))
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(error).toMatchObject({ statusCode: 503 })
    const retried = await h.stripe.paymentIntents.create(order, { idempotencyKey: 'e-1' })
    expect(retried.lastResponse.headers['idempotent-replayed']).toBeUndefined()
    expect(await h.ledger()).toHaveLength(2)
  })

  it('rate-limits with a token bucket: 429 rate_limit with Retry-After', async () => {
    await h.addFault({ match: route, effect: { type: 'rate-limit', ratePerS: 0.001, burst: 2 } })
    await h.stripe.paymentIntents.create(order)
    await h.stripe.paymentIntents.create(order)
    const error = await rejection(h.stripe.paymentIntents.create(order))
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit' })
    expect(Number(error?.headers?.['retry-after'])).toBeGreaterThanOrEqual(1)
  })

  it('resets the socket without doing anything', async () => {
    await h.addFault({ match: route, effect: { type: 'reset' } })
    expect((await rawPost(h.psp.url)).error).toBe('ECONNRESET')
    expect(await h.ledger()).toEqual([])
  })

  it('hangs for real until the client gives up', async () => {
    await h.addFault({ match: route, effect: { type: 'hang' } })
    expect((await rawPost(h.psp.url, 300)).error).toBe('timeout')
    expect(await h.ledger()).toEqual([])
  })

  it('truncates the body after performing the operation', async () => {
    await h.addFault({ match: route, effect: { type: 'truncate' } })
    const result = await rawPost(h.psp.url)
    expect(result.status).toBe(200)
    expect(result.error).toBeDefined()
    expect(await h.ledger()).toHaveLength(2)
  })

  it('sends a malformed body the client cannot parse', async () => {
    await h.addFault({ match: route, effect: { type: 'malformed' } })
    const error = await rejection(h.stripe.paymentIntents.create(order))
    expect(error?.message).toMatch(/Invalid JSON/)
  })

  it('matches on body fields and respects the schedule window', async () => {
    await h.addFault({
      match: { ...route, body: { metadata: { order_id: 'target' } } },
      effect: { type: 'error', status: 500 },
    })
    await h.addFault({ match: route, schedule: { fromMs: 60_000 }, effect: { type: 'reset' } })
    expect(
      await rejection(h.stripe.paymentIntents.create({ ...order, metadata: { order_id: 'other' } })),
    ).toBeUndefined()
    expect(
      (await rejection(h.stripe.paymentIntents.create({ ...order, metadata: { order_id: 'target' } })))
        ?.statusCode,
    ).toBe(500)
  })

  it('applies a fraction of requests, the same ones for the same seed', async () => {
    const outcomes = async (): Promise<string> => {
      const harness = await startHarness({ seed: 1234 })
      try {
        await harness.addFault({ match: { ...route, fraction: 0.5 }, effect: { type: 'error', status: 500 } })
        let pattern = ''
        for (let i = 0; i < 40; i++)
          pattern += (await rejection(harness.stripe.paymentIntents.create(order))) ? 'x' : '.'
        return pattern
      } finally {
        await harness.close()
      }
    }
    const first = await outcomes()
    expect(first).toBe(await outcomes())
    const failed = [...first].filter((c) => c === 'x').length
    expect(failed).toBeGreaterThan(8)
    expect(failed).toBeLessThan(32)
  })
})
