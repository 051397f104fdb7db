import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import {
  finishIdempotencyKey,
  finishKeyWhenMoved,
  type SavedResponse,
} from '../idempotency/idempotency-keys.js'
import { money } from '../money.js'
import { applyToCarried } from '../orders/apply-carried.js'
import {
  applyOrderEventIfUnchanged,
  findOrder,
  listTransitions,
  type StoredOrder,
} from '../orders/order-repo.js'
import { orderPaidWhenMoved } from '../outbox/order-events.js'
import type { IntentStepOutcome } from '../payments/psp-manual-capture.js'
import { countingTransactions, storePendingSagaOrder } from '../testing/saga-orders.js'
import { manualClock, openTestDb } from '../testing/test-platform.js'
import type { CheckoutJournal } from './checkout-journal.js'
import type { CheckoutOutcome } from './checkout-outcome.js'
import { runSaga, type SagaDeps } from './run-saga.js'
import type { SagaVendors } from './saga-vendors.js'

let db: Db
const clock = manualClock()
const at = new Date(clock.now())
let n = 0

beforeAll(async () => {
  db = await openTestDb()
})
afterAll(async () => {
  await db?.close()
})

/** A saga order stored `authorized` (quoted, assessed, authorised) with a `started` idempotency key. */
async function authorizedOrder(): Promise<{ stored: StoredOrder; key: string }> {
  const i = ++n
  const key = `key_cap${i}`
  await db.query(
    `INSERT INTO idempotency_keys (key, fingerprint, locked_at, locked_by, recovery_point, order_id, created_at, updated_at)
     VALUES ($1, 'fp', $2, 1, 'order_created', $3, $2, $2)`,
    [key, at, `ord_cap${i}`],
  )
  let stored = await storePendingSagaOrder(db, { tag: `cap${i}`, checkoutKey: key, at })
  stored = (
    await applyToCarried(db, stored, { type: 'tax_quoted', tax: money(96, 'usd'), estimated: false }, at)
  ).stored
  stored = (
    await applyToCarried(db, stored, { type: 'fraud_assessed', category: 'accept', source: 'vendor' }, at)
  ).stored
  stored = (
    await applyToCarried(
      db,
      stored,
      { type: 'payment_authorized', paymentIntentId: `pi_cap${i}`, hold: false },
      at,
    )
  ).stored
  expect(stored.order.status).toBe('authorized')
  return { stored, key }
}

/** The idempotency layer's journal for `key`, with the one-statement form of its saved answer. */
function journalFor(key: string): CheckoutJournal {
  const respond = (outcome: CheckoutOutcome): SavedResponse => ({ status: 200, body: { kind: outcome.kind } })
  return {
    orderCreated: async () => {},
    finished: (q, outcome) => finishIdempotencyKey(q, key, respond(outcome), at),
    finishedWhenMoved: (outcome) => finishKeyWhenMoved(key, respond(outcome), at),
  }
}

/** Deps whose PSP captures (running `meanwhile` first: what moves the order under the saga) and whose tax commit fails. */
function deps(spy: Db, meanwhile: () => Promise<void> = async () => {}): SagaDeps {
  const vendors = {
    psp: {
      capture: async (): Promise<IntentStepOutcome> => {
        await meanwhile()
        return { kind: 'done' }
      },
    },
    tax: {
      commit: () => Promise.reject(new Error('tax down')),
    },
  } as unknown as SagaVendors
  return {
    db: spy,
    clock,
    vendors,
    safeguards: { 'tax-fallback': true, 'fraud-fail-open': true, 'psp-idempotency': true, outbox: true },
  }
}

const outboxOf = async (orderId: string) =>
  (
    await db.query<{ event_id: string; type: string }>(
      'SELECT event_id, type FROM outbox WHERE order_id = $1',
      [orderId],
    )
  ).rows

const keyOf = async (key: string) =>
  (
    await db.query<{ recovery_point: string; response_body: unknown; locked_at: Date | null }>(
      'SELECT recovery_point, response_body, locked_at FROM idempotency_keys WHERE key = $1',
      [key],
    )
  ).rows[0]

describe('the saga capture in one statement', () => {
  it('writes the paid state, its transition, the OrderPaid outbox row and the saved answer with no transaction', async () => {
    const { stored, key } = await authorizedOrder()
    const spy = countingTransactions(db)
    const outcome = await runSaga(deps(spy), { stored, journal: journalFor(key) })
    expect(outcome).toMatchObject({ kind: 'paid', order: { id: stored.order.id, status: 'paid' } })
    expect(spy.transactions).toBe(0)
    const fresh = await findOrder(db, stored.order.id)
    expect(fresh?.order).toMatchObject({ status: 'paid', paymentIntentId: stored.order.paymentIntentIds[0] })
    const moves = await listTransitions(db, stored.order.id)
    expect(moves.filter((m) => m.from === 'authorized').map((m) => [m.from, m.reason])).toEqual([
      ['authorized', `payment_captured (captured ${stored.order.paymentIntentIds[0]})`],
    ])
    expect(await outboxOf(stored.order.id)).toEqual([
      { event_id: `evt_order_paid_${stored.order.id}`, type: 'OrderPaid' },
    ])
    expect(await keyOf(key)).toEqual({
      recovery_point: 'finished',
      response_body: { kind: 'paid' },
      locked_at: null,
    })
  })

  it('when the order moved under it (failed meanwhile), writes none of it and takes the transaction', async () => {
    const { stored, key } = await authorizedOrder()
    const spy = countingTransactions(db)
    const failMeanwhile = async () => {
      await applyToCarried(db, stored, { type: 'payment_failed', reason: 'PSP_REJECTED' }, at, 'elsewhere')
    }
    const outcome = await runSaga(deps(spy, failMeanwhile), { stored, journal: journalFor(key) })
    expect(outcome.kind).not.toBe('paid')
    expect(spy.transactions).toBeGreaterThanOrEqual(1)
    expect((await findOrder(db, stored.order.id))?.order.status).toBe('failed')
    expect((await listTransitions(db, stored.order.id)).map((m) => m.to)).not.toContain('paid')
    expect(await outboxOf(stored.order.id)).toEqual([])
    // The answer saved is the order's real one, not `paid`.
    expect((await keyOf(key))?.response_body).not.toEqual({ kind: 'paid' })
  })

  it('when the order moved but can still be captured, the transaction pays it from the stored row', async () => {
    const { stored, key } = await authorizedOrder()
    const spy = countingTransactions(db)
    // Something rewrites a guarded column meanwhile: the carried order is stale.
    const moveMeanwhile = async () => {
      await db.query("UPDATE orders SET fraud_source = 'fail_open' WHERE id = $1", [stored.order.id])
    }
    const outcome = await runSaga(deps(spy, moveMeanwhile), { stored, journal: journalFor(key) })
    expect(outcome).toMatchObject({ kind: 'paid' })
    expect(spy.transactions).toBeGreaterThanOrEqual(1)
    const fresh = await findOrder(db, stored.order.id)
    expect(fresh?.order.status).toBe('paid')
    // Paid from the row as stored, not overwritten by the stale carried state.
    expect(fresh?.order.saga?.fraud).toEqual({ category: 'accept', source: 'fail_open' })
    expect(
      (await listTransitions(db, stored.order.id)).filter((m) => m.from === 'authorized' && m.to === 'paid'),
    ).toHaveLength(1)
    expect(await outboxOf(stored.order.id)).toHaveLength(1)
    expect(await keyOf(key)).toMatchObject({ recovery_point: 'finished', response_body: { kind: 'paid' } })
  })

  it('its WhenMoved companions (outbox row, saved answer) write nothing when the guarded UPDATE matches no row', async () => {
    const { stored, key } = await authorizedOrder()
    await db.query("UPDATE orders SET fraud_source = 'fail_open' WHERE id = $1", [stored.order.id])
    const moved = await applyOrderEventIfUnchanged(
      db,
      stored,
      { type: 'payment_captured' },
      at,
      'test',
      undefined,
      [
        orderPaidWhenMoved(stored.order.id, at),
        finishKeyWhenMoved(key, { status: 200, body: { kind: 'paid' } }, at),
      ],
    )
    expect(moved).toBeUndefined()
    expect((await findOrder(db, stored.order.id))?.order.status).toBe('authorized')
    expect(await outboxOf(stored.order.id)).toEqual([])
    expect(await keyOf(key)).toMatchObject({ recovery_point: 'order_created', response_body: null })
  })
})
