import type { FastifyInstance } from 'fastify'
import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PspServer } from '../../simulators/psp/start-psp.js'
import type { ManualClock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import { applyOrderEvent } from '../orders/order-repo.js'
import { cartWith, manualClock } from '../testing/test-platform.js'
import { startSagaTestbed, type SagaTestbed, type Simulator } from '../testing/saga-testbed.js'
import type { ReconcileResponse, ReconciliationReport } from './reconciliation-schemas.js'

/**
 * The reconciler against the real PSP, tax and fraud simulators over HTTP: each test leaves the
 * PSP and the orders disagreeing (a saga that died, an intent with no order), runs a pass, reads
 * the repair at the PSP's ledger and on the order, and runs a second pass that repairs nothing.
 */
let db: Db
let psp: PspServer
let tax: Simulator
let fraud: Simulator
let stripe: Stripe
/** The platform's and the PSP's clock: `created` windows are on the same time as the orders. */
let clock: ManualClock
let bed: SagaTestbed

beforeEach(async () => {
  clock = manualClock()
  bed = await startSagaTestbed({ clock })
  ;({ db, psp, tax, fraud } = bed)
  const url = new URL(psp.url)
  stripe = new Stripe('sk_test_x', {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  })
})
afterEach(() => bed.close())

function setup(safeguards: Record<string, boolean> = {}): { app: FastifyInstance; clock: ManualClock } {
  return { app: bed.app(safeguards), clock }
}

interface LedgerEntry {
  type: string
  paymentIntentId: string
  amount: number
  idempotencyKey: string | null
}
const ledgerOf = async (pi: string) =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: LedgerEntry[] }).entries
    .filter((e) => e.paymentIntentId === pi)
    .map((e) => `${e.type}:${e.amount}`)

const reconcile = async (app: FastifyInstance) => {
  const res = await app.inject({ method: 'POST', url: '/__admin/reconcile' })
  expect(res.statusCode).toBe(200)
  return res.json() as ReconcileResponse
}
const report = async (app: FastifyInstance) =>
  (await app.inject({ method: 'GET', url: '/__admin/reconciliation' })).json() as ReconciliationReport

interface OrderBody {
  status: string
  taxDocument?: string
  transitions: { to: string; reason: string }[]
}
const orderOf = async (app: FastifyInstance, id: string) =>
  ((await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as { order: OrderBody }).order
const listed = async (app: FastifyInstance, id: string) =>
  (
    (await app.inject({ method: 'GET', url: '/__admin/orders' })).json() as {
      orders: { id: string; status: string; taxDocument?: string }[]
    }
  ).orders.find((o) => o.id === id)
const stockOf = async (app: FastifyInstance, sku: string) =>
  (
    (await app.inject({ method: 'GET', url: '/__admin/inventory' })).json() as {
      products: { sku: string; stock: number }[]
    }
  ).products.find((p) => p.sku === sku)?.stock

/**
 * A saga that died after authorising: checkout through a fraud `watch` (authorised, held), then
 * the approval recorded without the capture that would follow it — `authorized`, intent
 * `requires_capture`.
 */
async function authorizedOrder(app: FastifyInstance, clock: ManualClock) {
  const cartId = await cartWith(app, 'sku_tshirt', 1)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': `held-${cartId}` },
    payload: { cartId, paymentMethod: 'pm_card_visa', email: 'ada+review@example.com' },
  })
  expect(res.statusCode).toBe(202)
  const orderId = (res.json() as { order: { id: string } }).order.id
  const moved = await applyOrderEvent(db, orderId, { type: 'review_approved' }, new Date(clock.now()))
  expect(moved.ok).toBe(true)
  const pi = (await stripe.paymentIntents.list({ limit: 100 })).data.find(
    (i) => i.metadata.order_id === orderId,
  )
  if (!pi) throw new Error('no intent for the order')
  expect(pi.status).toBe('requires_capture')
  return { orderId, pi: pi.id, amount: pi.amount }
}

/** An intent made straight at the PSP for an order id of our choosing. */
async function intentFor(orderId: string, capture: 'manual' | 'automatic') {
  return stripe.paymentIntents.create({
    amount: 1500,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    capture_method: capture,
    metadata: { order_id: orderId, checkout_key: 'k' },
  })
}

/** Two passes: the first repairs, the second finds nothing left to repair. */
async function twoPasses(app: FastifyInstance, clock: ManualClock, repairs: number) {
  clock.advance(10_000)
  const first = await reconcile(app)
  expect(first).toMatchObject({ ran: true, pass: { repaired: repairs, mismatches: 0 } })
  clock.advance(10_000)
  const second = await reconcile(app)
  expect(second).toMatchObject({ ran: true, pass: { repaired: 0, mismatches: 0 } })
  return second.report
}

describe('the reconciler', () => {
  it('records a capture the saga never recorded: paid, stock kept, OrderPaid enqueued, tax committed', async () => {
    const { app, clock } = setup()
    const { orderId, pi, amount } = await authorizedOrder(app, clock)
    await stripe.paymentIntents.capture(pi)
    const r = await twoPasses(app, clock, 2)
    expect(r.repaired.map((x) => x.kind)).toEqual(['capture_recorded', 'tax_committed'])
    expect(r.repaired[0]).toMatchObject({
      orderId,
      paymentIntentId: pi,
      evidence: { intentStatus: 'succeeded', orderStatus: 'authorized', amountReceivedMinor: amount },
    })
    expect(await ledgerOf(pi)).toEqual([`authorization:${amount}`, `capture:${amount}`])
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'committed' })
    const reasons = (await orderOf(app, orderId)).transitions.map((t) => t.reason)
    expect(reasons.at(-2)).toMatch(/^payment_captured \(reconciler: intent .* is succeeded\)/)
    const outbox = await db.query<{ type: string }>('SELECT type FROM outbox WHERE order_id = $1', [orderId])
    expect(outbox.rows).toEqual([{ type: 'OrderPaid' }])
    expect(r.discrepancyRate).toBeGreaterThan(0)
  })

  it('captures an authorisation whose saga died, with the saga capture key, once', async () => {
    const { app, clock } = setup()
    const { orderId, pi, amount } = await authorizedOrder(app, clock)
    await twoPasses(app, clock, 2)
    const entries = ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: LedgerEntry[] })
      .entries
    expect(entries.filter((e) => e.paymentIntentId === pi).map((e) => [e.type, e.idempotencyKey])).toEqual([
      ['authorization', expect.any(String)],
      ['capture', `order_${orderId}_capture`],
    ])
    expect(await ledgerOf(pi)).toEqual([`authorization:${amount}`, `capture:${amount}`])
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'committed' })
  })

  it('reads the intent of an authorised order older than its window one by one', async () => {
    const { app } = setup()
    const { orderId, pi } = await authorizedOrder(app, clock)
    const wait = { stalledAfterMs: 86_400_000 }
    for (let i = 0; i < 2; i++) {
      clock.advance(11 * 60_000)
      const res = await app.inject({ method: 'POST', url: '/__admin/reconcile', payload: wait })
      expect(res.json()).toMatchObject({ ran: true, pass: { repaired: 0 } })
    }
    const windows = await db.query<{ window_from: Date }>(
      'SELECT window_from FROM reconciliation_passes ORDER BY id',
    )
    const created = (await stripe.paymentIntents.retrieve(pi)).created * 1000
    expect(windows.rows.at(-1)?.window_from.getTime()).toBeGreaterThan(created)
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 2 } })
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'committed' })
  })

  it('leaves an authorised order alone while its saga may still be running', async () => {
    const { app, clock } = setup()
    const { orderId, pi } = await authorizedOrder(app, clock)
    expect(await reconcile(app)).toMatchObject({ ran: true, pass: { repaired: 0 } })
    expect(await ledgerOf(pi)).toHaveLength(1)
    expect(await listed(app, orderId)).toMatchObject({ status: 'authorized' })
  })

  it('cancels an authorisation that has no order', async () => {
    const { app, clock } = setup()
    const pi = await intentFor('ord_never_made', 'manual')
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      {
        kind: 'authorization_canceled',
        paymentIntentId: pi.id,
        evidence: { why: 'no_order', orderStatus: 'missing' },
      },
    ])
    expect(r.repaired[0]?.orderId).toBeUndefined()
    expect(await ledgerOf(pi.id)).toEqual(['authorization:1500', 'cancel:1500'])
  })

  it('cancels an authorisation of a failed order', async () => {
    const { app, clock } = setup()
    const { orderId, pi, amount } = await authorizedOrder(app, clock)
    await db.query(`UPDATE orders SET status = 'failed', failure_code = 'PSP_REJECTED' WHERE id = $1`, [
      orderId,
    ])
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      { kind: 'authorization_canceled', orderId, evidence: { why: 'failed_order', orderStatus: 'failed' } },
    ])
    expect(await ledgerOf(pi)).toEqual([`authorization:${amount}`, `cancel:${amount}`])
  })

  it('records a cancel the PSP refused as unrepaired, and resolves it once the intent is canceled', async () => {
    const { app } = setup()
    const pi = await intentFor('ord_never_made', 'manual')
    const fault = await fetch(`${psp.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { method: 'POST', path: '/v1/payment_intents/*' },
        effect: { type: 'error', status: 503 },
      }),
    })
    expect(fault.status).toBe(201)
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 0, mismatches: 1 } })
    expect((await report(app)).mismatches).toMatchObject([
      {
        kind: 'repair_failed',
        paymentIntentId: pi.id,
        detail: expect.stringMatching(/^authorization_canceled: /),
      },
    ])
    await fetch(`${psp.url}/__admin/faults`, { method: 'DELETE' })
    await stripe.paymentIntents.cancel(pi.id)
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 0, mismatches: 0 } })
    expect(await report(app)).toMatchObject({ mismatches: [], unrepaired: 0 })
  })

  it('retries a refused cancel on a later pass, outside its window, and resolves the mismatch', async () => {
    const { app } = setup()
    const pi = await intentFor('ord_never_made', 'manual')
    await fetch(`${psp.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { method: 'POST', path: '/v1/payment_intents/*' },
        effect: { type: 'error', status: 503 },
      }),
    })
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 0, mismatches: 1 } })
    await fetch(`${psp.url}/__admin/faults`, { method: 'DELETE' })
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 1, mismatches: 0 } })
    expect(await ledgerOf(pi.id)).toEqual(['authorization:1500', 'cancel:1500'])
    expect(await report(app)).toMatchObject({
      mismatches: [],
      unrepaired: 0,
      repaired: [{ kind: 'authorization_canceled' }],
    })
  })

  it('refunds a capture that has no order, with its own key', async () => {
    const { app, clock } = setup()
    const pi = await intentFor('ord_ghost', 'automatic')
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      { kind: 'charge_refunded', paymentIntentId: pi.id, evidence: { why: 'no_order' } },
    ])
    expect(await ledgerOf(pi.id)).toEqual(['authorization:1500', 'capture:1500', 'refund:1500'])
    const refunds = await stripe.refunds.list({ payment_intent: pi.id })
    expect(refunds.data).toHaveLength(1)
  })

  it('refunds a second capture for an order paid with another intent, and leaves the first alone', async () => {
    const { app, clock } = setup()
    const cartId = await cartWith(app, 'sku_mug', 1)
    const res = await app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'paid-once' },
      payload: { cartId, paymentMethod: 'pm_card_visa', email: 'ada@example.com' },
    })
    expect(res.statusCode).toBe(201)
    const orderId = (res.json() as { order: { id: string } }).order.id
    const extra = await intentFor(orderId, 'automatic')
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      {
        kind: 'charge_refunded',
        orderId,
        paymentIntentId: extra.id,
        evidence: { why: 'duplicate', orderStatus: 'paid' },
      },
    ])
    expect(await ledgerOf(extra.id)).toEqual(['authorization:1500', 'capture:1500', 'refund:1500'])
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'committed' })
    expect(r.ordersChecked).toBe(1)
    expect(r.paymentsChecked).toBe(2)
  })

  it('fails an authorised order whose intent was canceled and gives its stock back', async () => {
    const { app, clock } = setup()
    const before = await stockOf(app, 'sku_tshirt')
    const { orderId, pi } = await authorizedOrder(app, clock)
    expect(await stockOf(app, 'sku_tshirt')).toBe((before ?? 0) - 1)
    await stripe.paymentIntents.cancel(pi)
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      { kind: 'order_failed', orderId, evidence: { intentStatus: 'canceled' } },
    ])
    expect(await listed(app, orderId)).toMatchObject({ status: 'failed' })
    expect(await stockOf(app, 'sku_tshirt')).toBe(before)
  })

  it('retries a pending tax commit', async () => {
    const { app, clock } = setup()
    const fault = await fetch(`${tax.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { method: 'POST', path: '/api/v2/transactions/*' },
        effect: { type: 'error', status: 503 },
      }),
    })
    expect(fault.ok).toBe(true)
    const cartId = await cartWith(app, 'sku_tshirt', 1)
    const res = await app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'tax-pending' },
      payload: { cartId, paymentMethod: 'pm_card_visa', email: 'ada@example.com' },
    })
    const orderId = (res.json() as { order: { id: string } }).order.id
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'commit_pending' })
    await fetch(`${tax.url}/__admin/reset`, { method: 'POST' })
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      { kind: 'tax_committed', orderId, evidence: { taxDocument: 'commit_pending' } },
    ])
    expect(await listed(app, orderId)).toMatchObject({ status: 'paid', taxDocument: 'committed' })
    const docs = (await (await fetch(`${tax.url}/__admin/transactions`)).json()) as {
      transactions: { code: string; type: string; status: string }[]
    }
    expect(docs.transactions.filter((d) => d.code === orderId && d.type === 'SalesInvoice')).toMatchObject([
      { status: 'Committed' },
    ])
  })

  it('voids the tax document of a failed order, once', async () => {
    const { app, clock } = setup()
    const { orderId, pi } = await authorizedOrder(app, clock)
    // The invoice a commit left behind, then the order failed (a state no live path makes today).
    await stripe.paymentIntents.cancel(pi)
    await db.query(
      `UPDATE orders SET status = 'failed', failure_code = 'PSP_REJECTED', tax_document = 'committed' WHERE id = $1`,
      [orderId],
    )
    const { createAvataxClient } = await import('../tax/avatax-client.js')
    const { createRandom } = await import('../../lib/random.js')
    const { resolvePlatformConfig } = await import('../config.js')
    const saga = resolvePlatformConfig({ pspUrl: psp.url, taxUrl: tax.url, fraudUrl: fraud.url }).saga
    if (!saga) throw new Error('saga config expected')
    const taxClient = createAvataxClient({
      taxUrl: tax.url,
      accountId: saga.taxAccountId,
      licenseKey: saga.taxLicenseKey,
      shipTo: saga.taxShipTo,
      clock,
      random: createRandom(1),
      timeoutMs: 2000,
      retries: 0,
      circuitBreaker: false,
      bulkhead: { maxConcurrent: 4, maxQueued: 4 },
    })
    bed.defer(() => taxClient.close())
    await taxClient.commit({
      orderId,
      customerCode: 'c1',
      currency: 'usd',
      lines: [{ sku: 'sku_tshirt', quantity: 1, amountMinor: 2500 }],
    })
    const r = await twoPasses(app, clock, 1)
    expect(r.repaired).toMatchObject([
      { kind: 'tax_voided', orderId, evidence: { taxDocument: 'committed', voidResult: 'voided' } },
    ])
    const docs = (await (await fetch(`${tax.url}/__admin/transactions`)).json()) as {
      transactions: { code: string; status: string }[]
    }
    expect(docs.transactions.filter((d) => d.code === orderId)).toMatchObject([{ status: 'Cancelled' }])
  })

  it('reports a paid order whose intent was never captured as unrepaired', async () => {
    const { app, clock } = setup()
    const { orderId, pi } = await authorizedOrder(app, clock)
    await db.query(`UPDATE orders SET status = 'paid' WHERE id = $1`, [orderId])
    clock.advance(10_000)
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 0, mismatches: 1 } })
    clock.advance(10_000)
    // Outside the next pass's window, the mismatch stays recorded, counted once.
    expect(await reconcile(app)).toMatchObject({ pass: { repaired: 0 } })
    const r = await report(app)
    expect(r.mismatches).toMatchObject([{ kind: 'paid_without_capture', orderId, paymentIntentId: pi }])
    expect(r.unrepaired).toBe(1)
    expect(await ledgerOf(pi)).toHaveLength(1)
  })

  it('with the reconciler safeguard off runs no pass and repairs nothing', async () => {
    const { app, clock } = setup({ reconciler: false })
    const { orderId, pi } = await authorizedOrder(app, clock)
    await stripe.paymentIntents.capture(pi)
    const ghost = await intentFor('ord_ghost', 'automatic')
    clock.advance(10_000)
    const res = await reconcile(app)
    expect(res).toMatchObject({ ran: false, reason: expect.stringMatching(/safeguard is off/) })
    expect(res.report).toMatchObject({ ordersChecked: 0, repaired: [], passes: 0 })
    expect(await listed(app, orderId)).toMatchObject({ status: 'authorized' })
    expect(await ledgerOf(ghost.id)).toEqual(['authorization:1500', 'capture:1500'])
  })

  it('refuses a malformed body with problem+json', async () => {
    const { app } = setup()
    const res = await app.inject({
      method: 'POST',
      url: '/__admin/reconcile',
      payload: { stalledAfterMs: -1 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
