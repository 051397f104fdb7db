import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPsp, type PspServer } from '../../simulators/index.js'
import type { Db } from '../db/db.js'
import { cartWith, openTestDb, testApp } from '../testing/test-platform.js'

/** Checkout against the Stripe-compatible PSP simulator over real HTTP (the ledger is the truth). */
let db: Db
let psp: PspServer
const closers: (() => Promise<void>)[] = []

beforeEach(async () => {
  db = await openTestDb()
  psp = await startPsp({ port: 0, seed: 7 })
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await psp.close()
  await db.close()
})

interface Entry {
  type: string
  paymentIntentId: string
  amount: number
  idempotencyKey: string | null
  metadata: Record<string, string>
}

const captures = async (): Promise<Entry[]> =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: Entry[] }).entries.filter(
    (e) => e.type === 'capture',
  )

async function addFault(rule: unknown): Promise<void> {
  const res = await fetch(`${psp.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(rule) })
  if (!res.ok) throw new Error(`Failed to add fault: ${res.status} ${await res.text()}`)
}

function setup(input: Omit<Parameters<typeof testApp>[1], 'pspUrl'> = {}) {
  const t = testApp(db, { pspUrl: psp.url, ...input })
  closers.push(t.close)
  const checkout = (cartId: string, key: string, paymentMethod = 'pm_card_visa') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': key },
      payload: { cartId, paymentMethod },
    })
  return { app: t.app, checkout }
}

const LOSE_ONE_RESPONSE = {
  match: { method: 'POST', path: '/v1/payment_intents' },
  schedule: { times: 1 },
  effect: { type: 'ambiguous-success', then: 'hang' },
}

describe('checkout against the PSP simulator', () => {
  it('captures the order total once, tagged with the order and the checkout key', async () => {
    const { app, checkout } = setup()
    const res = await checkout(await cartWith(app, 'sku_tshirt', 2), 'sim-ok')
    expect(res.statusCode).toBe(201)
    const { order } = res.json() as { order: { id: string; paymentIntentId: string } }
    const ledger = await captures()
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({
      paymentIntentId: order.paymentIntentId,
      amount: 5000,
      idempotencyKey: `order_${order.id}_pay`,
      metadata: { order_id: order.id, checkout_key: 'sim-ok' },
    })
  })

  it('fails the order on a declined card and captures nothing', async () => {
    const { app, checkout } = setup()
    const res = await checkout(await cartWith(app), 'sim-decline', 'pm_card_visa_chargeDeclined')
    expect(res.statusCode).toBe(402)
    const body = res.json() as { code: string; orderId: string }
    expect(body.code).toBe('CARD_DECLINED')
    const admin = (await app.inject({ method: 'GET', url: '/__admin/orders' })).json() as {
      orders: { status: string; paymentIntentIds: string[] }[]
    }
    expect(admin.orders).toMatchObject([{ status: 'failed' }])
    expect(admin.orders[0]?.paymentIntentIds).toHaveLength(1)
    expect(await captures()).toHaveLength(0)
  })

  it('charges once when the PSP charges but its response is lost, with psp-idempotency on', async () => {
    const { app, checkout } = setup({ pspTimeoutMs: 400 })
    await addFault(LOSE_ONE_RESPONSE)
    const res = await checkout(await cartWith(app), 'sim-lost-on')
    expect(res.statusCode).toBe(201)
    expect(await captures()).toHaveLength(1)
  })

  it('charges twice when the PSP response is lost and psp-idempotency is off', async () => {
    const { app, checkout } = setup({ pspTimeoutMs: 400, safeguards: { 'psp-idempotency': false } })
    await addFault(LOSE_ONE_RESPONSE)
    const res = await checkout(await cartWith(app), 'sim-lost-off')
    expect(res.statusCode).toBe(201)
    const ledger = await captures()
    expect(ledger).toHaveLength(2)
    expect(new Set(ledger.map((e) => e.metadata.order_id)).size).toBe(1)
  })

  it('leaves the order payment_pending when retries are off, and a client retry learns the charge', async () => {
    const { app, checkout } = setup({ pspTimeoutMs: 400, safeguards: { retries: false } })
    await addFault(LOSE_ONE_RESPONSE)
    const cartId = await cartWith(app)
    const first = await checkout(cartId, 'sim-resume')
    expect(first.statusCode).toBe(502)
    expect(first.json()).toMatchObject({ code: 'PSP_UNAVAILABLE' })
    const retry = await checkout(cartId, 'sim-resume')
    expect(retry.statusCode).toBe(201)
    expect(await captures()).toHaveLength(1)
  })
})
