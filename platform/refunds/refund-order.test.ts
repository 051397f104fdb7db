import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PspServer } from '../../simulators/psp/start-psp.js'
import type { Db } from '../db/db.js'
import { cartWith } from '../testing/test-platform.js'
import { addFault, startSagaTestbed, type SagaTestbed, type Simulator } from '../testing/saga-testbed.js'

/**
 * Refunds end to end: the platform on PGlite, the saga's vendors as the real PSP, tax and fraud
 * simulators over HTTP. Each money test ends by reading the PSP's ledger (the ground truth).
 */
let db: Db
let psp: PspServer
let tax: Simulator
let bed: SagaTestbed

beforeEach(async () => {
  bed = await startSagaTestbed()
  ;({ db, psp, tax } = bed)
})
afterEach(() => bed.close())

function setup(safeguards: Record<string, boolean> = {}): FastifyInstance {
  return bed.app(safeguards)
}

/** A paid order (saga: captured, tax committed); returns its id and total. */
async function paidOrder(app: FastifyInstance, key: string): Promise<{ id: string; totalMinor: number }> {
  const cartId = await cartWith(app, 'sku_tshirt', 2)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key },
    payload: { cartId, paymentMethod: 'pm_card_visa', email: 'ada@example.com' },
  })
  expect(res.statusCode, res.body).toBe(201)
  const { order } = res.json() as { order: { id: string; status: string; total: { amountMinor: number } } }
  expect(order.status).toBe('paid')
  return { id: order.id, totalMinor: order.total.amountMinor }
}

/** `POST /v1/orders/:id/refunds`; no `payload` sends no body (a refund of all that remains). */
function refund(app: FastifyInstance, orderId: string, key: string | undefined, payload?: unknown) {
  return app.inject({
    method: 'POST',
    url: `/v1/orders/${orderId}/refunds`,
    headers: key === undefined ? {} : { 'idempotency-key': key },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })
}

interface PspEntry {
  type: string
  amount: number
  metadata: Record<string, string>
}
const ledgerOf = async (orderId: string) =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: PspEntry[] }).entries.filter(
    (e) => e.metadata.order_id === orderId,
  )
const sumOf = (entries: PspEntry[], type: string) =>
  entries.filter((e) => e.type === type).reduce((n, e) => n + e.amount, 0)
const orderOf = async (app: FastifyInstance, id: string) =>
  (
    (await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as {
      order: {
        status: string
        refundedMinor: number
        transitions: { from: string | null; to: string; reason: string }[]
      }
    }
  ).order
const taxDocs = async () =>
  (
    (await (await fetch(`${tax.url}/__admin/transactions`)).json()) as {
      transactions: { code: string; type: string; status: string; totalTaxMinor: number }[]
    }
  ).transactions

describe('POST /v1/orders/:id/refunds', () => {
  it('refunds a whole paid order at the PSP, returns its tax, and marks it refunded', async () => {
    const app = setup()
    const { id, totalMinor } = await paidOrder(app, 'co-full')
    const res = await refund(app, id, 'rf-full', { reason: 'requested_by_customer' })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json() as { refund: { id: string; taxAdjustment: string }; order: unknown }
    expect(body).toMatchObject({
      refund: { status: 'succeeded', amount: { amountMinor: totalMinor }, reason: 'requested_by_customer' },
      order: { id, status: 'refunded', refundedMinor: totalMinor },
    })
    expect(body.refund.taxAdjustment).toBe('done')
    const ledger = await ledgerOf(id)
    expect(sumOf(ledger, 'refund')).toBe(totalMinor)
    expect(sumOf(ledger, 'capture')).toBe(totalMinor)
    const ret = (await taxDocs()).find((d) => d.code === body.refund.id)
    expect(ret).toMatchObject({ type: 'ReturnInvoice', status: 'Committed' })
    const sale = (await taxDocs()).find((d) => d.code === id && d.type === 'SalesInvoice')
    expect(ret?.totalTaxMinor).toBe(-(sale?.totalTaxMinor ?? 0))
    const order = await orderOf(app, id)
    expect(order.status).toBe('refunded')
    const reasons = order.transitions.map((t) => t.reason)
    expect(
      reasons.some((r) => r.startsWith(`refund_requested:${totalMinor} usd (refund ${body.refund.id}`)),
    ).toBe(true)
    expect(reasons.at(-1)).toMatch(
      new RegExp(`^refunded:${totalMinor} usd \\(refund ${body.refund.id}, PSP re_`),
    )
    expect(order.transitions.at(-1)).toMatchObject({ from: 'paid', to: 'refunded' })
  })

  it('takes partial refunds up to the capture, keeps the order paid until then, and refuses one more', async () => {
    const app = setup()
    const { id, totalMinor } = await paidOrder(app, 'co-part')
    const first = Math.floor(totalMinor / 3)
    const a = await refund(app, id, 'rf-a', { amountMinor: first })
    expect(a.statusCode, a.body).toBe(201)
    expect(a.json()).toMatchObject({ order: { status: 'paid', refundedMinor: first } })
    expect((await orderOf(app, id)).status).toBe('paid')
    const b = await refund(app, id, 'rf-b', { amountMinor: totalMinor - first })
    expect(b.statusCode, b.body).toBe(201)
    expect(b.json()).toMatchObject({ order: { status: 'refunded', refundedMinor: totalMinor } })
    const c = await refund(app, id, 'rf-c', { amountMinor: 1 })
    expect(c.statusCode).toBe(409)
    expect(c.headers['content-type']).toContain('application/problem+json')
    expect(c.json()).toMatchObject({ code: 'ORDER_NOT_REFUNDABLE', orderStatus: 'refunded' })
    const ledger = await ledgerOf(id)
    expect(ledger.filter((e) => e.type === 'refund').map((e) => e.amount)).toEqual([
      first,
      totalMinor - first,
    ])
    // Two returns, each a percentage of the sale.
    const returns = (await taxDocs()).filter((d) => d.type === 'ReturnInvoice')
    expect(returns).toHaveLength(2)
  })

  it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
    const app = setup()
    const { id, totalMinor } = await paidOrder(app, 'co-replay')
    const first = await refund(app, id, 'rf-same', { amountMinor: 100 })
    const again = await refund(app, id, 'rf-same', { amountMinor: 100 })
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    const other = await refund(app, id, 'rf-same', { amountMinor: 200 })
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    expect(sumOf(await ledgerOf(id), 'refund')).toBe(100)
    expect(totalMinor).toBeGreaterThan(100)
  })

  it('never refunds more than the capture under parallel partial refunds', async () => {
    const app = setup()
    const { id, totalMinor } = await paidOrder(app, 'co-parallel')
    const part = Math.floor((totalMinor * 30) / 100)
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => refund(app, id, `rf-par-${i}`, { amountMinor: part })),
    )
    const codes = answers.map((r) => r.statusCode).sort()
    expect(codes).toEqual([201, 201, 201, 422, 422])
    for (const r of answers.filter((x) => x.statusCode === 422))
      expect(r.json()).toMatchObject({
        code: 'REFUND_EXCEEDS_CAPTURED',
        remainingMinor: totalMinor - 3 * part,
      })
    const refunded = sumOf(await ledgerOf(id), 'refund')
    expect(refunded).toBe(3 * part)
    expect(refunded).toBeLessThanOrEqual(totalMinor)
    expect(await orderOf(app, id)).toMatchObject({ status: 'paid', refundedMinor: 3 * part })
  })

  it('answers bad requests with problem+json 4xx', async () => {
    const app = setup()
    const { id, totalMinor } = await paidOrder(app, 'co-bad')
    const cases: [Awaited<ReturnType<typeof refund>>, number, string][] = [
      [await refund(app, id, 'rf-neg', { amountMinor: -5 }), 400, 'VALIDATION_FAILED'],
      [await refund(app, id, 'rf-zero', { amountMinor: 0 }), 400, 'VALIDATION_FAILED'],
      [await refund(app, id, 'rf-float', { amountMinor: 1.5 }), 400, 'VALIDATION_FAILED'],
      [await refund(app, id, 'rf-reason', { reason: 'because' }), 400, 'VALIDATION_FAILED'],
      [await refund(app, id, 'rf-extra', { amountMinor: 1, note: 'x' }), 400, 'VALIDATION_FAILED'],
      [await refund(app, id, 'rf-over', { amountMinor: totalMinor + 1 }), 422, 'REFUND_EXCEEDS_CAPTURED'],
      [await refund(app, 'ord_nope', 'rf-none', {}), 404, 'ORDER_NOT_FOUND'],
      [await refund(app, id, undefined, { amountMinor: 1 }), 400, 'IDEMPOTENCY_KEY_REQUIRED'],
    ]
    for (const [res, status, code] of cases) {
      expect(res.statusCode, res.body).toBe(status)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json()).toMatchObject({ code, status })
    }
    const big = await app.inject({
      method: 'POST',
      url: `/v1/orders/${id}/refunds`,
      headers: { 'idempotency-key': 'rf-big', 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'duplicate', pad: 'x'.repeat(4000) }),
    })
    expect(big.statusCode).toBe(413)
    expect(sumOf(await ledgerOf(id), 'refund')).toBe(0)
  })

  it('refuses an order that is not paid', async () => {
    const app = setup()
    const cartId = await cartWith(app, 'sku_tshirt', 1)
    const held = await app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'co-held' },
      payload: { cartId, paymentMethod: 'pm_card_visa', email: 'ada+review@example.com' },
    })
    expect(held.statusCode).toBe(202)
    const id = (held.json() as { order: { id: string } }).order.id
    const res = await refund(app, id, 'rf-held')
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'ORDER_NOT_REFUNDABLE', orderStatus: 'held_for_review' })
  })

  it('leaves a refund whose PSP answer was lost pending, and a retry of its key completes it once', async () => {
    const app = setup({ retries: false })
    const { id } = await paidOrder(app, 'co-lost')
    await addFault(psp, {
      match: { method: 'POST', path: '/v1/refunds' },
      schedule: { times: 1 },
      effect: { type: 'ambiguous-success', then: 'drop' },
    })
    // stripe-node retries a reset connection once even with maxNetworkRetries 0: lose that try too.
    await addFault(psp, {
      match: { method: 'POST', path: '/v1/refunds' },
      schedule: { times: 1 },
      effect: { type: 'reset' },
    })
    const lost = await refund(app, id, 'rf-lost', { amountMinor: 250 })
    expect(lost.statusCode).toBe(502)
    expect(lost.json()).toMatchObject({ code: 'PSP_UNAVAILABLE' })
    // The reservation holds: the remaining amount already counts it.
    const pending = await db.query<{ status: string }>(
      'SELECT status FROM refunds WHERE idempotency_key = $1',
      ['rf-lost'],
    )
    expect(pending.rows[0]?.status).toBe('pending')
    const retry = await refund(app, id, 'rf-lost', { amountMinor: 250 })
    expect(retry.statusCode, retry.body).toBe(201)
    expect(retry.json()).toMatchObject({ order: { refundedMinor: 250 } })
    expect(sumOf(await ledgerOf(id), 'refund')).toBe(250)
  })

  it('keeps the money refund when the tax return fails, recording the adjustment pending', async () => {
    const app = setup({ retries: false })
    const { id, totalMinor } = await paidOrder(app, 'co-taxdown')
    await addFault(tax, {
      match: { method: 'POST', path: '/api/v2/companies/*' },
      effect: { type: 'error', status: 503 },
    })
    const res = await refund(app, id, 'rf-taxdown')
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      refund: { taxAdjustment: 'pending' },
      order: { status: 'refunded', refundedMinor: totalMinor },
    })
    expect(sumOf(await ledgerOf(id), 'refund')).toBe(totalMinor)
    expect((await orderOf(app, id)).transitions.at(-1)?.reason).toContain('tax adjustment pending')
  })
})
