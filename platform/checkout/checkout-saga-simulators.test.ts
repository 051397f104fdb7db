import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PspServer } from '../../simulators/psp/start-psp.js'
import { cartWith } from '../testing/test-platform.js'
import { addFault, startSagaTestbed, type SagaTestbed, type Simulator } from '../testing/saga-testbed.js'

/**
 * The checkout saga end to end against the real PSP, tax and fraud simulators over HTTP, with
 * their fault rules; each test ends by reading the vendors' ledgers against the orders.
 */
let psp: PspServer
let tax: Simulator
let fraud: Simulator
let bed: SagaTestbed

beforeEach(async () => {
  bed = await startSagaTestbed()
  ;({ psp, tax, fraud } = bed)
})
afterEach(() => bed.close())

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T

const TAX_DOWN = {
  match: { method: 'POST', path: '/api/v2/transactions/*' },
  effect: { type: 'error', status: 503 },
}
const FRAUD_DOWN = {
  match: { method: 'POST', path: '/v205/events*' },
  effect: { type: 'error', status: 503 },
}

function setup(safeguards: Record<string, boolean> = {}): FastifyInstance {
  return bed.app(safeguards)
}

async function checkout(
  app: FastifyInstance,
  key: string,
  opts: { email?: string; sku?: string; quantity?: number } = {},
) {
  const cartId = await cartWith(app, opts.sku ?? 'sku_tshirt', opts.quantity ?? 1)
  return app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key },
    payload: { cartId, paymentMethod: 'pm_card_visa', email: opts.email ?? 'ada@example.com' },
  })
}

interface AdminOrder {
  id: string
  status: string
  amountMinor: number
  taxMinor?: number
  taxEstimated?: boolean
  taxDocument?: string
  fraudDecision?: string
  fraudSource?: string
}
const orders = async (app: FastifyInstance) =>
  ((await app.inject({ method: 'GET', url: '/__admin/orders' })).json() as { orders: AdminOrder[] }).orders
const order = async (app: FastifyInstance, id: string) =>
  (
    (await app.inject({ method: 'GET', url: `/v1/orders/${id}` })).json() as {
      order: { status: string; transitions: { from: string | null; to: string; reason: string }[] }
    }
  ).order
const stockOf = async (app: FastifyInstance, sku: string) =>
  (
    (await app.inject({ method: 'GET', url: '/__admin/inventory' })).json() as {
      products: { sku: string; stock: number; initialStock: number }[]
    }
  ).products.find((p) => p.sku === sku)

interface PspEntry {
  type: string
  amount: number
  metadata: Record<string, string>
}
interface TaxDoc {
  code: string
  type: string
  status: string
  totalTaxMinor: number
}
const pspLedger = async () => (await getJson<{ entries: PspEntry[] }>(`${psp.url}/__admin/ledger`)).entries
const taxDocs = async () =>
  (await getJson<{ transactions: TaxDoc[] }>(`${tax.url}/__admin/transactions`)).transactions

/**
 * The vendors agree with the orders: a paid order was captured for its total once; a held one is
 * authorised and not captured; any other is not captured, and an authorisation of it is canceled.
 * A committed SalesInvoice exists exactly for the paid orders whose tax document says committed,
 * with the order's (quoted) tax.
 */
async function expectVendorsAgree(app: FastifyInstance): Promise<void> {
  const ledger = await pspLedger()
  const docs = await taxDocs()
  for (const o of await orders(app)) {
    const mine = ledger.filter((e) => e.metadata.order_id === o.id)
    const sum = (type: string) => mine.filter((e) => e.type === type).reduce((n, e) => n + e.amount, 0)
    const authorized = sum('authorization')
    expect(sum('capture'), `${o.id} captured`).toBe(o.status === 'paid' ? o.amountMinor : 0)
    if (o.status === 'paid' || o.status === 'held_for_review') expect(authorized).toBe(o.amountMinor)
    if (o.status === 'failed' && authorized > 0) expect(sum('cancel')).toBe(authorized)
    const doc = docs.find((d) => d.code === o.id && d.type === 'SalesInvoice')
    if (o.taxDocument === 'committed') {
      expect(doc?.status).toBe('Committed')
      if (!o.taxEstimated) expect(doc?.totalTaxMinor).toBe(o.taxMinor)
    } else {
      expect(doc, `${o.id} has no tax document`).toBeUndefined()
    }
  }
}

describe('checkout saga against the PSP, tax and fraud simulators', () => {
  it('quotes tax, screens, authorises, captures and commits tax, recording each step', async () => {
    const app = setup()
    const res = await checkout(app, 'saga-ok')
    expect(res.statusCode).toBe(201)
    const body = res.json() as {
      order: { id: string; status: string; total: { amountMinor: number }; tax: { amountMinor: number } }
    }
    // 25.00 shipped to Seattle: 6.5% (162.5 → 163) + 3.85% (96.25 → 96) = 259.
    expect(body.order).toMatchObject({
      status: 'paid',
      total: { amountMinor: 2759 },
      tax: { amountMinor: 259 },
      taxEstimated: false,
    })
    const [listed] = await orders(app)
    expect(listed).toMatchObject({
      status: 'paid',
      taxDocument: 'committed',
      fraudDecision: 'accept',
      fraudSource: 'vendor',
    })
    const reasons = (await order(app, body.order.id)).transitions.map((t) => t.reason.split(' ')[0])
    expect(reasons).toEqual([
      'created',
      'payment_started',
      'tax_quoted:259',
      'fraud_assessed:accept',
      'payment_authorized',
      'payment_captured',
      'tax_committed',
    ])
    const fraudLedger = await getJson<{
      entries: { orderId: string; amountMinor: number; decision: { category: string } }[]
    }>(`${fraud.url}/__admin/ledger`)
    expect(fraudLedger.entries).toMatchObject([
      { orderId: body.order.id, amountMinor: 2759, decision: { category: 'accept' } },
    ])
    await expectVendorsAgree(app)
  })

  it('compensates a fraud block: nothing authorised, no tax document, stock given back', async () => {
    const app = setup()
    const before = await stockOf(app, 'sku_tshirt')
    const res = await checkout(app, 'saga-block', { email: 'ada+reject@example.com' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'FRAUD_REJECTED' })
    const [listed] = await orders(app)
    expect(listed).toMatchObject({ status: 'failed', fraudDecision: 'block' })
    expect((await stockOf(app, 'sku_tshirt'))?.stock).toBe(before?.stock)
    expect(await pspLedger()).toEqual([])
    const last = (await order(app, listed!.id)).transitions.at(-1)
    expect(last?.reason).toMatch(/^payment_failed:FRAUD_REJECTED .*stock released/)
    await expectVendorsAgree(app)
  })

  it('holds a fraud watch uncaptured, and an approval captures and commits tax', async () => {
    const app = setup()
    const res = await checkout(app, 'saga-watch', { email: 'ada+review@example.com' })
    expect(res.statusCode).toBe(202)
    const { id } = (res.json() as { order: { id: string; status: string } }).order
    expect((await orders(app))[0]).toMatchObject({ status: 'held_for_review', fraudDecision: 'watch' })
    expect((await pspLedger()).map((e) => e.type)).toEqual(['authorization'])
    await expectVendorsAgree(app)
    const approved = await app.inject({
      method: 'POST',
      url: `/__admin/orders/${id}/review`,
      payload: { decision: 'approve' },
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ order: { status: 'paid', taxDocument: 'committed' } })
    const again = await app.inject({
      method: 'POST',
      url: `/__admin/orders/${id}/review`,
      payload: { decision: 'reject' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'ORDER_NOT_HELD' })
    await expectVendorsAgree(app)
  })

  it('rejecting a held order cancels the authorisation and gives the stock back', async () => {
    const app = setup()
    const before = await stockOf(app, 'sku_tshirt')
    const res = await checkout(app, 'saga-watch-reject', { email: 'ada+review@example.com' })
    const { id } = (res.json() as { order: { id: string } }).order
    const rejected = await app.inject({
      method: 'POST',
      url: `/__admin/orders/${id}/review`,
      payload: { decision: 'reject' },
    })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({ order: { status: 'failed', failureCode: 'REVIEW_REJECTED' } })
    expect((await pspLedger()).map((e) => e.type)).toEqual(['authorization', 'cancel'])
    expect((await stockOf(app, 'sku_tshirt'))?.stock).toBe(before?.stock)
    await expectVendorsAgree(app)
  })

  it('refuses a review of an order that is not held, and of one that does not exist', async () => {
    const app = setup()
    const paid = (await checkout(app, 'saga-not-held')).json() as { order: { id: string } }
    const res = await app.inject({
      method: 'POST',
      url: `/__admin/orders/${paid.order.id}/review`,
      payload: { decision: 'approve' },
    })
    expect(res.statusCode).toBe(409)
    const missing = await app.inject({
      method: 'POST',
      url: '/__admin/orders/ord_nope/review',
      payload: { decision: 'approve' },
    })
    expect(missing.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' })
    const bad = await app.inject({
      method: 'POST',
      url: `/__admin/orders/${paid.order.id}/review`,
      payload: { decision: 'maybe' },
    })
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  describe('tax outage', () => {
    it('with tax-fallback on, pays with estimated tax and leaves the tax commit pending', async () => {
      const app = setup()
      await addFault(tax, TAX_DOWN)
      const res = await checkout(app, 'tax-down-on')
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({
        order: { status: 'paid', tax: { amountMinor: 259 }, taxEstimated: true },
      })
      const [listed] = await orders(app)
      expect(listed).toMatchObject({ status: 'paid', taxEstimated: true, taxDocument: 'commit_pending' })
      const reasons = (await order(app, listed!.id)).transitions.map((t) => t.reason)
      expect(reasons.find((r) => r.startsWith('tax_estimated'))).toMatch(
        /tax-fallback at 1035 bps: VENDOR_HTTP_ERROR/,
      )
      expect(reasons.at(-1)).toMatch(/^tax_commit_failed/)
      await expectVendorsAgree(app)
    })

    it('with tax-fallback off, fails the checkout cleanly: 503 TAX_UNAVAILABLE, nothing charged', async () => {
      const app = setup({ 'tax-fallback': false })
      const before = await stockOf(app, 'sku_tshirt')
      await addFault(tax, TAX_DOWN)
      const res = await checkout(app, 'tax-down-off')
      expect(res.statusCode).toBe(503)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(res.json()).toMatchObject({ code: 'TAX_UNAVAILABLE' })
      expect((await orders(app))[0]).toMatchObject({ status: 'failed' })
      expect((await stockOf(app, 'sku_tshirt'))?.stock).toBe(before?.stock)
      expect(await pspLedger()).toEqual([])
      await expectVendorsAgree(app)
    })
  })

  describe('fraud outage', () => {
    it('with fraud-fail-open on, accepts an order below the limit and holds one above it', async () => {
      const app = setup()
      await addFault(fraud, FRAUD_DOWN)
      const small = await checkout(app, 'fraud-down-small')
      expect(small.statusCode).toBe(201)
      // 2 hoodies: 110.00 + tax, above the 100.00 default limit.
      const large = await checkout(app, 'fraud-down-large', { sku: 'sku_hoodie', quantity: 2 })
      expect(large.statusCode).toBe(202)
      const byId = new Map((await orders(app)).map((o) => [o.id, o]))
      const id = (res: typeof small) => (res.json() as { order: { id: string } }).order.id
      expect(byId.get(id(small))).toMatchObject({
        status: 'paid',
        fraudDecision: 'accept',
        fraudSource: 'fail_open',
      })
      expect(byId.get(id(large))).toMatchObject({
        status: 'held_for_review',
        fraudDecision: 'watch',
        fraudSource: 'fail_open',
      })
      await expectVendorsAgree(app)
    })

    it('with fraud-fail-open off, fails the checkout cleanly: 503 FRAUD_UNAVAILABLE, nothing charged', async () => {
      const app = setup({ 'fraud-fail-open': false })
      await addFault(fraud, FRAUD_DOWN)
      const res = await checkout(app, 'fraud-down-off')
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ code: 'FRAUD_UNAVAILABLE' })
      expect((await orders(app))[0]).toMatchObject({ status: 'failed', taxMinor: 259 })
      expect(await pspLedger()).toEqual([])
      await expectVendorsAgree(app)
    })
  })
})
