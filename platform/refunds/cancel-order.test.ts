import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PspServer } from '../../simulators/psp/start-psp.js'
import { cartWith } from '../testing/test-platform.js'
import { startSagaTestbed, type SagaTestbed } from '../testing/saga-testbed.js'

/** Cancel before capture, against the real PSP, tax and fraud simulators, on PGlite. */
let psp: PspServer
let bed: SagaTestbed

beforeEach(async () => {
  bed = await startSagaTestbed()
  ;({ psp } = bed)
})
afterEach(() => bed.close())

function setup(safeguards: Record<string, boolean> = {}): FastifyInstance {
  return bed.app(safeguards)
}

async function checkout(app: FastifyInstance, key: string, email = 'ada@example.com') {
  const cartId = await cartWith(app, 'sku_tshirt', 3)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key },
    payload: { cartId, paymentMethod: 'pm_card_visa', email },
  })
  return { res, id: (res.json() as { order?: { id: string }; orderId?: string }).order?.id }
}

const cancel = (app: FastifyInstance, id: string, key?: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/orders/${id}/cancel`,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  })

interface PspEntry {
  type: string
  amount: number
  paymentIntentId: string
  metadata: Record<string, string>
}
const ledgerOf = async (orderId: string) =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: PspEntry[] }).entries.filter(
    (e) => e.metadata.order_id === orderId,
  )
const stockOf = async (app: FastifyInstance) =>
  (
    (await app.inject({ method: 'GET', url: '/__admin/inventory' })).json() as {
      products: { sku: string; stock: number; initialStock: number }[]
    }
  ).products.find((p) => p.sku === 'sku_tshirt')
const orderOf = async (app: FastifyInstance, id: string) =>
  (
    (await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as {
      order: { status: string; paymentIntentId?: string; transitions: { to: string; reason: string }[] }
    }
  ).order
const intentStatus = async (id: string) =>
  (
    (await (
      await fetch(`${psp.url}/v1/payment_intents/${id}`, { headers: { authorization: 'Bearer sk_test_x' } })
    ).json()) as { status: string }
  ).status

describe('POST /v1/orders/:id/cancel', () => {
  it('cancels an order held for review: the intent is canceled at the PSP and the stock released', async () => {
    const app = setup()
    const before = await stockOf(app)
    const { res, id } = await checkout(app, 'co-held', 'ada+review@example.com')
    expect(res.statusCode).toBe(202)
    expect((await stockOf(app))?.stock).toBe((before?.stock ?? 0) - 3)
    const answer = await cancel(app, id!, 'cx-held')
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toEqual({ order: { id, status: 'failed', failureCode: 'PAYMENT_CANCELED' } })
    expect((await stockOf(app))?.stock).toBe(before?.stock)
    const ledger = await ledgerOf(id!)
    const authorized = ledger.find((e) => e.type === 'authorization')
    expect(ledger.filter((e) => e.type === 'cancel').map((e) => e.amount)).toEqual([authorized?.amount])
    expect(ledger.filter((e) => e.type === 'capture')).toEqual([])
    expect(await intentStatus(authorized!.paymentIntentId)).toBe('canceled')
    const order = await orderOf(app, id!)
    expect(order.transitions.at(-1)).toMatchObject({ to: 'failed' })
    expect(order.transitions.at(-1)?.reason).toMatch(
      /cancelled on request; compensated: intent pi_\w+ canceled/,
    )

    const replay = await cancel(app, id!, 'cx-held')
    expect(replay.statusCode).toBe(200)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(answer.json())
    expect((await ledgerOf(id!)).filter((e) => e.type === 'cancel')).toHaveLength(1)
  })

  it('cancels an authorized order whose capture did not go through', async () => {
    const app = setup({ retries: false })
    await fetch(`${psp.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        // Prefix match: the capture is the first POST under an intent's path.
        match: { method: 'POST', path: '/v1/payment_intents/*' },
        schedule: { times: 1 },
        effect: { type: 'error', status: 503 },
      }),
    })
    const before = await stockOf(app)
    const { res } = await checkout(app, 'co-auth')
    expect(res.statusCode).toBe(502)
    const id = (res.json() as { orderId: string }).orderId
    expect((await orderOf(app, id)).status).toBe('authorized')
    const answer = await cancel(app, id, 'cx-auth')
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toMatchObject({ order: { status: 'failed', failureCode: 'PAYMENT_CANCELED' } })
    expect((await stockOf(app))?.stock).toBe(before?.stock)
    const ledger = await ledgerOf(id)
    expect(ledger.filter((e) => e.type === 'cancel')).toHaveLength(1)
    expect(ledger.filter((e) => e.type === 'capture')).toHaveLength(0)
  })

  it('refuses a paid order, an unknown order, a missing key, and a key used for another order', async () => {
    const app = setup()
    const { res, id } = await checkout(app, 'co-paid')
    expect(res.statusCode).toBe(201)
    const paid = await cancel(app, id!, 'cx-paid')
    expect(paid.statusCode).toBe(409)
    expect(paid.headers['content-type']).toContain('application/problem+json')
    expect(paid.json()).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE', orderStatus: 'paid' })
    const unknown = await cancel(app, 'ord_nope', 'cx-none')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' })
    const keyless = await cancel(app, id!)
    expect(keyless.statusCode).toBe(400)
    expect(keyless.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' })

    const held = await checkout(app, 'co-held-2', 'ada+review@example.com')
    const other = await checkout(app, 'co-held-3', 'ada+review@example.com')
    expect((await cancel(app, held.id!, 'cx-shared')).statusCode).toBe(200)
    const reused = await cancel(app, other.id!, 'cx-shared')
    expect(reused.statusCode).toBe(422)
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    expect((await orderOf(app, other.id!)).status).toBe('held_for_review')
    expect((await ledgerOf(id!)).filter((e) => e.type === 'cancel')).toHaveLength(0)
  })
})
