import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db, Queryable } from '../db/db.js'
import { money } from '../money.js'
import { applyToCarried } from '../orders/apply-carried.js'
import { findOrder, listTransitions, type StoredOrder } from '../orders/order-repo.js'
import { storePendingSagaOrder } from '../testing/saga-orders.js'
import { openTestDb } from '../testing/test-platform.js'
import type { PspEvent } from './psp-event.js'
import { processPspEvent } from './process-psp-event.js'

let db: Db
const at = new Date('2026-11-25T12:00:00.000Z')
let n = 0

beforeAll(async () => {
  db = await openTestDb()
})
afterAll(async () => {
  await db?.close()
})

/** A saga order stored `payment_pending`, as a checkout that crashed before its capture leaves it. */
const pendingOrder = (): Promise<StoredOrder> => {
  const i = ++n
  return storePendingSagaOrder(db, { tag: `wh${i}`, checkoutKey: `k_wh${i}`, at })
}

function succeeded(orderId: string, id: string, intentId = 'pi_from_webhook'): PspEvent {
  return {
    id,
    type: 'payment_intent.succeeded',
    data: { object: { id: intentId, object: 'payment_intent', metadata: { order_id: orderId } } },
  }
}

/**
 * A spy on the database: records the SQL run inside transactions (so a test sees whether the
 * guarded statement or the locking read paid the order), and runs `beforeTransaction` first — what
 * moves the order between the webhook's recording statement and its paying transaction.
 */
function spying(inner: Db, beforeTransaction: () => Promise<void> = async () => {}) {
  const inTransaction: string[] = []
  const spy: Db = {
    ...inner,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      await beforeTransaction()
      return inner.transaction((tx) =>
        fn({
          query: (sql, params) => {
            inTransaction.push(sql)
            return tx.query(sql, params)
          },
        } as Queryable),
      )
    },
  }
  return { spy, inTransaction, locked: () => inTransaction.some((sql) => /FOR UPDATE/i.test(sql)) }
}

const outboxOf = async (orderId: string) =>
  (await db.query<{ event_id: string }>('SELECT event_id FROM outbox WHERE order_id = $1', [orderId])).rows

const eventsOf = async (orderId: string) =>
  (
    await db.query<{ id: string; processed_count: string }>(
      'SELECT id, processed_count FROM webhook_events WHERE order_id = $1',
      [orderId],
    )
  ).rows.map((r) => [r.id, Number(r.processed_count)])

const paidMoves = async (orderId: string) =>
  (await listTransitions(db, orderId)).filter((m) => m.to === 'paid').map((m) => [m.from, m.reason])

describe('processPspEvent: payment_intent.succeeded for a payment_pending order', () => {
  it('pays it in the guarded statement: state, intent, transition, OrderPaid and the event, with no locking read', async () => {
    const stored = await pendingOrder()
    const { spy, locked } = spying(db)
    const outcome = await processPspEvent(spy, {
      event: succeeded(stored.order.id, 'evt_pay_1'),
      dedupe: true,
      outbox: true,
      now: at,
    })
    expect(outcome).toBe('processed')
    expect(locked()).toBe(false)
    const fresh = await findOrder(db, stored.order.id)
    expect(fresh?.order).toMatchObject({
      status: 'paid',
      paymentIntentId: 'pi_from_webhook',
      paymentIntentIds: ['pi_from_webhook'],
    })
    expect(await paidMoves(stored.order.id)).toEqual([['payment_pending', 'payment_succeeded']])
    expect(await outboxOf(stored.order.id)).toEqual([{ event_id: `evt_order_paid_${stored.order.id}` }])
    expect(await eventsOf(stored.order.id)).toEqual([['evt_pay_1', 1]])
  })

  it('with dedupe, a duplicate delivery changes nothing', async () => {
    const stored = await pendingOrder()
    const event = succeeded(stored.order.id, 'evt_dup_1')
    const input = { event, dedupe: true, outbox: true, now: at }
    expect(await processPspEvent(db, input)).toBe('processed')
    const before = await findOrder(db, stored.order.id)
    const movesBefore = await listTransitions(db, stored.order.id)
    expect(await processPspEvent(db, { ...input, now: new Date(at.getTime() + 60_000) })).toBe('duplicate')
    expect(await findOrder(db, stored.order.id)).toEqual(before)
    expect(await listTransitions(db, stored.order.id)).toEqual(movesBefore)
    expect(await outboxOf(stored.order.id)).toHaveLength(1)
    expect(await eventsOf(stored.order.id)).toEqual([['evt_dup_1', 1]])
  })

  it('when the order moved meanwhile (its tax quoted), falls back to the locking read and pays the stored order', async () => {
    const stored = await pendingOrder()
    // The saga quotes the tax between the webhook's recording statement and its transaction.
    const { spy, locked } = spying(db, async () => {
      await applyToCarried(db, stored, { type: 'tax_quoted', tax: money(96, 'usd'), estimated: false }, at)
    })
    const outcome = await processPspEvent(spy, {
      event: succeeded(stored.order.id, 'evt_moved_1'),
      dedupe: true,
      outbox: true,
      now: at,
    })
    expect(outcome).toBe('processed')
    expect(locked()).toBe(true)
    const fresh = await findOrder(db, stored.order.id)
    expect(fresh?.order).toMatchObject({
      status: 'paid',
      paymentIntentId: 'pi_from_webhook',
      paymentIntentIds: ['pi_from_webhook'],
      // The quote stands: the stale carried order did not overwrite it.
      total: money(1296, 'usd'),
      saga: { tax: { amount: money(96, 'usd'), estimated: false } },
    })
    expect(await paidMoves(stored.order.id)).toEqual([['payment_pending', 'payment_succeeded']])
    expect(await outboxOf(stored.order.id)).toHaveLength(1)
    expect(await eventsOf(stored.order.id)).toEqual([['evt_moved_1', 1]])
  })

  it('when the order was paid meanwhile, the event is recorded and nothing else changes', async () => {
    const stored = await pendingOrder()
    const { spy } = spying(db, async () => {
      await applyToCarried(db, stored, { type: 'payment_succeeded', paymentIntentId: 'pi_saga' }, at)
    })
    const outcome = await processPspEvent(spy, {
      event: succeeded(stored.order.id, 'evt_late_1', 'pi_saga'),
      dedupe: true,
      outbox: true,
      now: at,
    })
    expect(outcome).toBe('processed')
    expect(await paidMoves(stored.order.id)).toHaveLength(1)
    // The paying road that won owns the OrderPaid row (applyToCarried here wrote none).
    expect(await outboxOf(stored.order.id)).toEqual([])
    expect((await findOrder(db, stored.order.id))?.order.paymentIntentIds).toEqual(['pi_saga'])
  })
})
