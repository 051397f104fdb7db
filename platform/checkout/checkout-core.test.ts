import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createIdGenerator } from '../../lib/ids.js'
import { createCartService } from '../cart/cart-service.js'
import type { Db, Queryable } from '../db/db.js'
import { findOrder } from '../orders/order-repo.js'
import type { PaymentOutcome, PaymentRequest, PspClient } from '../payments/psp-client.js'
import { manualClock, openTestDb } from '../testing/test-platform.js'
import { createCheckoutCore } from './checkout-core.js'
import type { CheckoutJournal } from './checkout-journal.js'
import type { CheckoutOutcome } from './checkout-outcome.js'

/** The core's outcomes, on a real database, with no HTTP: the PSP is a scripted port. */
let db: Db
beforeEach(async () => {
  db = await openTestDb()
})
afterEach(async () => {
  await db.close()
})

function scriptedPsp(
  ...outcomes: PaymentOutcome[]
): PspClient & { calls: PaymentRequest[]; available: boolean } {
  const psp = {
    calls: [] as PaymentRequest[],
    available: true,
    async pay(request: PaymentRequest) {
      psp.calls.push(request)
      return outcomes.shift() ?? { kind: 'succeeded', paymentIntentId: `pi_${psp.calls.length}` }
    },
    isAvailable: () => psp.available,
    close() {},
  }
  return psp
}

function setup(
  psp: PspClient,
  safeguards = { 'inventory-lock': true, 'psp-idempotency': true, outbox: true },
) {
  const clock = manualClock()
  const ids = createIdGenerator(5, 1)
  const carts = createCartService({ db, clock, ids })
  const core = createCheckoutCore({ db, psp, clock, ids, safeguards })
  const cartWith = async (sku = 'sku_mug', quantity = 1) => {
    const cart = await carts.create('usd')
    const added = await carts.addItem(cart.id, sku, quantity)
    if (!added.ok) throw new Error(`Failed to add to cart (${cart.id}): ${added.error.code}`)
    return cart.id
  }
  return { core, cartWith }
}

function recordingJournal() {
  const entries: string[] = []
  const journal: CheckoutJournal = {
    orderCreated: async (_tx: Queryable, orderId) => void entries.push(`created ${orderId}`),
    finished: async (_q: Queryable, outcome: CheckoutOutcome) =>
      void entries.push(`finished ${outcome.kind}`),
  }
  return { entries, journal }
}

const stockOf = async (sku: string) =>
  (await db.query<{ stock: number }>('SELECT stock FROM products WHERE sku = $1', [sku])).rows[0]?.stock

describe('the checkout core', () => {
  it('returns paid with the paid order and journals its creation and its end', async () => {
    const psp = scriptedPsp({ kind: 'succeeded', paymentIntentId: 'pi_ok' })
    const { core, cartWith } = setup(psp)
    const { entries, journal } = recordingJournal()
    const outcome = await core.start(
      { cartId: await cartWith('sku_mug', 2), paymentMethod: 'pm_card_visa' },
      { checkoutKey: 'k' },
      journal,
    )
    expect(outcome).toMatchObject({
      kind: 'paid',
      order: { status: 'paid', paymentIntentId: 'pi_ok', total: { amount: 2400, currency: 'usd' } },
    })
    const orderId = outcome.kind === 'paid' ? outcome.order.id : ''
    expect(entries).toEqual([`created ${orderId}`, 'finished paid'])
    expect(psp.calls[0]).toMatchObject({ orderId, idempotencyKey: `order_${orderId}_pay`, checkoutKey: 'k' })
  })

  it('returns declined with the decline code, fails the order and gives the stock back', async () => {
    const psp = scriptedPsp({
      kind: 'declined',
      paymentIntentId: 'pi_d',
      declineCode: 'insufficient_funds',
      message: 'no',
    })
    const { core, cartWith } = setup(psp)
    const before = await stockOf('sku_mug')
    const outcome = await core.start(
      { cartId: await cartWith(), paymentMethod: 'pm_x' },
      { checkoutKey: 'k' },
    )
    expect(outcome).toEqual({
      kind: 'declined',
      orderId: expect.any(String),
      declineCode: 'insufficient_funds',
    })
    if (outcome.kind !== 'declined') return
    expect((await findOrder(db, outcome.orderId))?.order).toMatchObject({
      status: 'failed',
      reason: 'CARD_DECLINED',
    })
    expect(await stockOf('sku_mug')).toBe(before)
  })

  it('returns action_required and psp_rejected as the PSP answers', async () => {
    const psp = scriptedPsp(
      { kind: 'requires_action', paymentIntentId: 'pi_3ds' },
      { kind: 'rejected', httpStatus: 401, pspCode: 'api_key_invalid', message: 'bad key' },
    )
    const { core, cartWith } = setup(psp)
    const first = await core.start({ cartId: await cartWith(), paymentMethod: 'pm_x' }, { checkoutKey: 'a' })
    const second = await core.start({ cartId: await cartWith(), paymentMethod: 'pm_x' }, { checkoutKey: 'b' })
    expect(first).toMatchObject({ kind: 'action_required' })
    expect(second).toMatchObject({ kind: 'psp_rejected', pspCode: 'api_key_invalid' })
  })

  it('returns payment_indeterminate without journaling an end, and a resume learns the outcome', async () => {
    const psp = scriptedPsp(
      { kind: 'indeterminate', reason: 'timeout' },
      { kind: 'succeeded', paymentIntentId: 'pi_2' },
    )
    const { core, cartWith } = setup(psp)
    const { entries, journal } = recordingJournal()
    const outcome = await core.start(
      { cartId: await cartWith(), paymentMethod: 'pm_card_visa' },
      { checkoutKey: 'k' },
      journal,
    )
    expect(outcome).toMatchObject({ kind: 'payment_indeterminate', reason: 'timeout' })
    if (outcome.kind !== 'payment_indeterminate') return
    expect(entries).toEqual([`created ${outcome.orderId}`])
    expect((await findOrder(db, outcome.orderId))?.order.status).toBe('payment_pending')
    const resumed = await core.resume(outcome.orderId, {}, journal)
    expect(resumed).toMatchObject({ kind: 'paid', order: { id: outcome.orderId } })
    expect(psp.calls.map((c) => c.idempotencyKey)).toEqual([
      `order_${outcome.orderId}_pay`,
      `order_${outcome.orderId}_pay`,
    ])
    expect(entries.at(-1)).toBe('finished paid')
  })

  it('answers a resumed, already decided order from its state without calling the PSP', async () => {
    const psp = scriptedPsp({ kind: 'succeeded', paymentIntentId: 'pi_1' })
    const { core, cartWith } = setup(psp)
    const outcome = await core.start(
      { cartId: await cartWith(), paymentMethod: 'pm_card_visa' },
      { checkoutKey: 'k' },
    )
    if (outcome.kind !== 'paid') throw new Error('expected paid')
    expect(await core.resume(outcome.order.id, {})).toMatchObject({
      kind: 'paid',
      order: { id: outcome.order.id },
    })
    expect(psp.calls).toHaveLength(1)
  })

  it('returns circuit_open before creating any order while the PSP is unavailable', async () => {
    const psp = scriptedPsp()
    psp.available = false
    const { core, cartWith } = setup(psp)
    expect(
      await core.start({ cartId: await cartWith(), paymentMethod: 'pm_card_visa' }, { checkoutKey: 'k' }),
    ).toEqual({
      kind: 'circuit_open',
    })
    expect((await db.query('SELECT id FROM orders')).rows).toEqual([])
  })

  it('refuses an unknown cart, an empty cart and too little stock, journaling each as final', async () => {
    const psp = scriptedPsp()
    const { core, cartWith } = setup(psp)
    const { entries, journal } = recordingJournal()
    const empty = await createCartService({ db, clock: manualClock(), ids: createIdGenerator(9, 9) }).create(
      'usd',
    )
    await db.query("UPDATE products SET stock = 1 WHERE sku = 'sku_limited_sneaker'")
    const scarce = await cartWith('sku_limited_sneaker', 1)
    await db.query("UPDATE products SET stock = 0 WHERE sku = 'sku_limited_sneaker'")
    const start = (cartId: string) =>
      core.start({ cartId, paymentMethod: 'pm_card_visa' }, { checkoutKey: 'k' }, journal)
    expect(await start('cart_nope')).toEqual({ kind: 'cart_not_found', cartId: 'cart_nope' })
    expect(await start(empty.id)).toEqual({ kind: 'cart_empty', cartId: empty.id })
    expect(await start(scarce)).toEqual({ kind: 'out_of_stock', sku: 'sku_limited_sneaker', available: 0 })
    expect(entries).toEqual(['finished cart_not_found', 'finished cart_empty', 'finished out_of_stock'])
    expect(psp.calls).toEqual([])
  })

  it('passes the request journey on to the PSP call', async () => {
    const psp = scriptedPsp()
    const { core, cartWith } = setup(psp)
    const journey = { journey: 17, step: 'checkout', attempt: 2 }
    await core.start(
      { cartId: await cartWith(), paymentMethod: 'pm_card_visa' },
      { checkoutKey: 'k', journey },
    )
    expect(psp.calls[0]?.journey).toEqual(journey)
  })
})
