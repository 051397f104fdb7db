import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { markOrderCreated, orderCreatedWhenMoved } from '../idempotency/idempotency-keys.js'
import { findOrder, listTransitions } from '../orders/order-repo.js'
import { countingTransactions } from '../testing/saga-orders.js'
import { openTestDb } from '../testing/test-platform.js'
import { createOrder, type CreateOrderInput } from './create-order.js'

let db: Db
const at = new Date('2026-11-25T12:00:00.000Z')
let n = 0

beforeAll(async () => {
  db = await openTestDb()
})
afterAll(async () => {
  await db?.close()
})

/** A product of its own with `stock`, a cart of `quantity` of it, and a `started` idempotency key. */
async function world(stock: number, quantity: number) {
  const i = ++n
  const sku = `sku_one_${i}`
  await db.query(
    `INSERT INTO products (sku, name, price_minor, currency, stock, initial_stock) VALUES ($1, 'Test', 500, 'usd', $2, $2)`,
    [sku, stock],
  )
  await db.query("INSERT INTO carts (id, currency, created_at) VALUES ($1, 'usd', $2)", [`cart_one_${i}`, at])
  await db.query(
    'INSERT INTO cart_items (cart_id, sku, quantity, unit_price_minor) VALUES ($1, $2, $3, 500)',
    [`cart_one_${i}`, sku, quantity],
  )
  const key = `key_one_${i}`
  await db.query(
    `INSERT INTO idempotency_keys (key, fingerprint, locked_at, locked_by, recovery_point, created_at, updated_at)
     VALUES ($1, 'fp', $2, 1, 'started', $2, $2)`,
    [key, at],
  )
  return { sku, cartId: `cart_one_${i}`, key, orderId: `ord_one_${i}` }
}

function input(w: Awaited<ReturnType<typeof world>>): CreateOrderInput {
  return {
    orderId: w.orderId,
    cartId: w.cartId,
    paymentMethod: 'pm_card_visa',
    email: 'a@example.com',
    checkoutKey: w.key,
    onCreated: (tx, orderId) => markOrderCreated(tx, w.key, orderId, at),
    onCreatedWhenMoved: (orderId) => orderCreatedWhenMoved(w.key, orderId, at),
    inventoryLock: true,
    saga: true,
    now: at,
  }
}

const stockOf = async (sku: string) =>
  Number(
    (await db.query<{ stock: string }>('SELECT stock FROM products WHERE sku = $1', [sku])).rows[0]?.stock,
  )

const keyOf = async (key: string) =>
  (
    await db.query<{ recovery_point: string; order_id: string | null }>(
      'SELECT recovery_point, order_id FROM idempotency_keys WHERE key = $1',
      [key],
    )
  ).rows[0]

describe('createOrder, one line with the inventory lock (insertOrderTakingStock)', () => {
  it('takes the stock, stores the order payment_pending with both transitions and moves the key, in one statement', async () => {
    const w = await world(5, 2)
    const spy = countingTransactions(db)
    const created = await createOrder(spy, input(w))
    expect(created.ok).toBe(true)
    // The one-statement road: no transaction.
    expect(spy.transactions).toBe(0)
    expect(await stockOf(w.sku)).toBe(3)
    const stored = await findOrder(db, w.orderId)
    expect(stored?.order).toMatchObject({
      status: 'payment_pending',
      cartId: w.cartId,
      checkoutKey: w.key,
      total: { amount: 1000, currency: 'usd' },
      saga: { subtotal: { amount: 1000 }, taxDocument: 'none' },
    })
    // Taken atomically at creation: no stock seen to write back later.
    expect(stored?.lines).toEqual([{ sku: w.sku, quantity: 2, unitPriceMinor: 500 }])
    expect(stored?.email).toBe('a@example.com')
    expect(created.ok && created.order).toEqual(stored?.order)
    const moves = await listTransitions(db, w.orderId)
    expect(moves.map((m) => [m.from, m.to, m.reason])).toEqual([
      [null, 'pending', 'created'],
      ['pending', 'payment_pending', 'payment_started'],
    ])
    expect(await keyOf(w.key)).toEqual({ recovery_point: 'order_created', order_id: w.orderId })
  })

  it('takes the last units exactly (stock == quantity)', async () => {
    const w = await world(2, 2)
    expect((await createOrder(db, input(w))).ok).toBe(true)
    expect(await stockOf(w.sku)).toBe(0)
  })

  it('writes nothing when the stock is short, and answers out_of_stock with what is available', async () => {
    const w = await world(1, 2)
    const spy = countingTransactions(db)
    const created = await createOrder(spy, input(w))
    expect(created).toEqual({ ok: false, outcome: { kind: 'out_of_stock', sku: w.sku, available: 1 } })
    expect(spy.transactions).toBe(0)
    expect(await stockOf(w.sku)).toBe(1)
    expect(await findOrder(db, w.orderId)).toBeUndefined()
    expect(await listTransitions(db, w.orderId)).toEqual([])
    expect(await keyOf(w.key)).toEqual({ recovery_point: 'started', order_id: null })
  })

  it('a second order for the same last unit is refused and leaves the first whole', async () => {
    const first = await world(1, 1)
    expect((await createOrder(db, input(first))).ok).toBe(true)
    // Another checkout of the same product (its own cart and key) finds it sold out.
    const second = await world(0, 1)
    await db.query('UPDATE cart_items SET sku = $1 WHERE cart_id = $2', [first.sku, second.cartId])
    const refused = await createOrder(db, input(second))
    expect(refused).toEqual({ ok: false, outcome: { kind: 'out_of_stock', sku: first.sku, available: 0 } })
    expect(await stockOf(first.sku)).toBe(0)
    expect(await findOrder(db, second.orderId)).toBeUndefined()
    expect(await keyOf(second.key)).toEqual({ recovery_point: 'started', order_id: null })
    expect((await findOrder(db, first.orderId))?.order.status).toBe('payment_pending')
  })
})
