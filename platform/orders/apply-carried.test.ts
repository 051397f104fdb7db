import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { migrate } from '../db/migrate.js'
import { openPgDb } from '../db/pg-db.js'
import { money } from '../money.js'
import { storePendingSagaOrder } from '../testing/saga-orders.js'
import { openTestDb } from '../testing/test-platform.js'
import { applyToCarried } from './apply-carried.js'
import { addPaymentIntent, findOrder, listTransitions, type StoredOrder } from './order-repo.js'

/** PGlite always; Postgres too with `DATABASE_URL` (a schema of its own, dropped after). */
const url = process.env.DATABASE_URL
const engines = url ? (['pglite', 'postgres'] as const) : (['pglite'] as const)
const schema = `gameday_carried_${process.pid}`

let db: Db

const at = new Date('2026-11-25T12:00:00.000Z')
let n = 0

/** A saga order stored `payment_pending`, as the checkout creates it; returned as it carries it. */
const sagaOrder = (): Promise<StoredOrder> => {
  const i = ++n
  return storePendingSagaOrder(db, { tag: `c${i}`, checkoutKey: `k${i}`, at })
}

describe.each(engines)('applyToCarried on %s', (engine) => {
  beforeAll(async () => {
    if (engine === 'pglite') db = await openTestDb()
    else {
      db = await openPgDb({ url: url!, schema, pool: { size: 2 } })
      await migrate(db)
    }
  })
  afterAll(async () => {
    await db?.close()
    if (engine !== 'postgres') return
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end())
  })

  it('saves each step from the carried order and records every transition, as a fresh read sees it', async () => {
    let stored = await sagaOrder()
    const tax = money(96, 'usd')
    stored = (await applyToCarried(db, stored, { type: 'tax_quoted', tax, estimated: false }, at, 'quote'))
      .stored
    stored = (
      await applyToCarried(db, stored, { type: 'fraud_assessed', category: 'accept', source: 'vendor' }, at)
    ).stored
    // A webhook records another intent meanwhile: kept, not overwritten by the carried list.
    await addPaymentIntent(db, stored.order.id, 'pi_other', at)
    const step = await applyToCarried(
      db,
      stored,
      { type: 'payment_authorized', paymentIntentId: 'pi_1', hold: false },
      at,
    )
    expect(step.result.ok).toBe(true)
    const fresh = await findOrder(db, stored.order.id)
    expect(step.stored).toEqual(fresh)
    expect(fresh?.order).toMatchObject({ status: 'authorized', paymentIntentIds: ['pi_other', 'pi_1'] })
    expect(fresh?.order.total).toEqual(money(1296, 'usd'))
    const moves = await listTransitions(db, stored.order.id)
    expect(moves.map((m) => m.reason)).toEqual([
      'created',
      'payment_started',
      'tax_quoted:96 usd (quote)',
      'fraud_assessed:accept',
      'payment_authorized',
    ])
  })

  it('falls back to the locked read when the row moved since it was carried, and answers from it', async () => {
    const carried = await sagaOrder()
    // Something else fails the order meanwhile.
    await applyToCarried(db, carried, { type: 'payment_failed', reason: 'PSP_REJECTED' }, at)
    const ran: string[] = []
    const step = await applyToCarried(
      db,
      carried,
      { type: 'tax_quoted', tax: money(1, 'usd'), estimated: true },
      at,
      undefined,
      async (_tx, s) => {
        ran.push(s.result.ok ? 'moved' : 'refused')
      },
    )
    expect(step.result.ok).toBe(false)
    expect(ran).toEqual(['refused'])
    expect(step.stored.order).toMatchObject({ status: 'failed', reason: 'PSP_REJECTED' })
    expect((await findOrder(db, carried.order.id))?.order.saga?.tax).toBeUndefined()
    expect((await listTransitions(db, carried.order.id)).map((m) => m.to)).toEqual([
      'pending',
      'payment_pending',
      'failed',
    ])
  })

  it('refuses a stale carried state that the stored one would accept, by applying to the stored one', async () => {
    const carried = await sagaOrder()
    const quoted = await applyToCarried(
      db,
      carried,
      { type: 'tax_quoted', tax: money(50, 'usd'), estimated: false },
      at,
    )
    // The carried order is from before the quote: the guard must not overwrite the stored total.
    const step = await applyToCarried(
      db,
      carried,
      { type: 'fraud_assessed', category: 'watch', source: 'vendor' },
      at,
    )
    expect(step.result.ok).toBe(true)
    const fresh = await findOrder(db, carried.order.id)
    expect(fresh?.order.total).toEqual(quoted.stored.order.total)
    expect(fresh?.order.saga).toMatchObject({
      tax: { amount: money(50, 'usd') },
      fraud: { category: 'watch' },
    })
    expect(step.stored).toEqual(fresh)
  })
})
