import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createIdGenerator } from '../../lib/ids.js'
import { checkoutLayers } from '../checkout/checkout-layers.js'
import { resolvePlatformConfig } from '../config.js'
import type { Db } from '../db/db.js'
import { createStripePspClient } from '../payments/stripe-psp-client.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, manualClock, openTestDb, testApp } from '../testing/test-platform.js'
import { completeStalledCheckouts } from './complete-stalled-checkouts.js'
import { readReport } from './reconciliation-store.js'

let db: Db
let psp: StubPsp
const closers: (() => Promise<void> | void)[] = []

beforeEach(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await psp.close()
  await db.close()
})

async function stalledCheckout(lose: 'error-500' | 'hang-response') {
  const clock = manualClock()
  const t = testApp(db, { pspUrl: psp.url, pspTimeoutMs: 300, safeguards: { retries: false } }, clock)
  closers.push(t.close)
  const cartId = await cartWith(t.app)
  psp.fault(lose)
  const send = () =>
    t.app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'stalled' },
      payload: { cartId, paymentMethod: 'pm_card_visa' },
    })
  const first = await send()
  expect(first.statusCode).toBe(502)
  const client = createStripePspClient({
    pspUrl: psp.url,
    apiKey: 'sk_test_x',
    clock,
    timeoutMs: 1000,
    retry: false,
    idempotencyKeys: true,
  })
  closers.push(() => client.close())
  const { idempotency } = checkoutLayers({
    db,
    psp: client,
    clock,
    ids: createIdGenerator(1, 2),
    config: resolvePlatformConfig({ pspUrl: psp.url }),
    bootId: 1,
  })
  if (!idempotency) throw new Error('the idempotency layer is on by default')
  const deps = { db, clock, checkouts: idempotency, bootId: 1, lockTtlMs: 10_000 }
  return { app: t.app, clock, send, deps, orderId: (first.json() as { orderId: string }).orderId }
}

describe('completeStalledCheckouts', () => {
  it('leaves a checkout alone until it is older than the grace period', async () => {
    const { deps } = await stalledCheckout('error-500')
    expect(await completeStalledCheckouts(deps, { olderThanMs: 2_000, limit: 10 })).toBe(0)
    expect(psp.requests).toHaveLength(1)
    expect((await readReport(db)).repaired).toEqual([])
  })

  it('pays a checkout whose PSP call failed, and a client retry replays the saved answer', async () => {
    const { app, clock, send, deps, orderId } = await stalledCheckout('error-500')
    clock.advance(3_000)
    expect(await completeStalledCheckouts(deps, { olderThanMs: 2_000, limit: 10 })).toBe(1)
    const order = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` })).json() as {
      order: { status: string }
    }
    expect(order.order.status).toBe('paid')
    const retry = await send()
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(psp.charges).toHaveLength(1)
    const { repaired } = await readReport(db)
    expect(repaired).toEqual([
      expect.objectContaining({
        kind: 'checkout_resumed',
        orderId,
        paymentIntentId: expect.stringMatching(/^pi_/),
        evidence: { stalledAt: 'order_created', outcome: 'paid', orderStatus: 'paid' },
      }),
    ])
  })

  it('learns a charge whose response was lost without charging again', async () => {
    const { clock, deps } = await stalledCheckout('hang-response')
    expect(psp.charges).toHaveLength(1)
    clock.advance(3_000)
    expect(await completeStalledCheckouts(deps, { olderThanMs: 2_000, limit: 10 })).toBe(1)
    expect(psp.charges).toHaveLength(1)
    expect(psp.requests.map((r) => r.idempotencyKey)).toEqual([
      expect.any(String),
      psp.requests[0]?.idempotencyKey,
    ])
  })
})
