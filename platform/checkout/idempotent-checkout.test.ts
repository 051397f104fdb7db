import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../db/db.js'
import { manualClock, openTestDb } from '../testing/test-platform.js'
import type { CheckoutCore } from './checkout-core.js'
import type { CheckoutOutcome } from './checkout-outcome.js'
import { withIdempotency } from './idempotent-checkout.js'

/**
 * The idempotency layer on its own: a real key table, around a scripted core that journals as
 * the real one does (creation, then a final outcome).
 */
let db: Db
beforeEach(async () => {
  db = await openTestDb()
})
afterEach(async () => {
  await db.close()
})

type Step = CheckoutOutcome | Error | Promise<CheckoutOutcome>

function scriptedCore(...steps: Step[]) {
  const calls: string[] = []
  let orders = 0
  const play = async (): Promise<CheckoutOutcome> => {
    const step = steps.shift() ?? { kind: 'cart_empty', cartId: 'cart_x' }
    if (step instanceof Error) throw step
    return step
  }
  const core: CheckoutCore = {
    async start(_input, _context, journal) {
      calls.push('start')
      const orderId = `ord_${++orders}`
      await journal?.orderCreated(db, orderId)
      const outcome = await play()
      if (outcome.kind !== 'payment_indeterminate' && outcome.kind !== 'circuit_open')
        await journal?.finished(db, outcome)
      return outcome
    },
    async resume(orderId, _context, journal) {
      calls.push(`resume ${orderId}`)
      const outcome = await play()
      if (outcome.kind !== 'payment_indeterminate') await journal?.finished(db, outcome)
      return outcome
    },
  }
  return { core, calls }
}

function layer(core: CheckoutCore) {
  return withIdempotency(core, {
    db,
    clock: manualClock(),
    respond: (outcome) => ({
      status: outcome.kind === 'cart_empty' ? 422 : 201,
      body: { kind: outcome.kind },
    }),
    lockTtlMs: 60_000,
    bootId: 1,
  })
}

const input = { cartId: 'cart_1', paymentMethod: 'pm_card_visa' }
const context = (key: string) => ({ checkoutKey: key, idempotencyKey: key })
const indeterminate: CheckoutOutcome = { kind: 'payment_indeterminate', orderId: 'ord_1', reason: 'timeout' }

describe('withIdempotency', () => {
  it('runs the core once and replays its saved answer for the same key and body', async () => {
    const { core, calls } = scriptedCore({ kind: 'cart_empty', cartId: 'cart_1' })
    const checkouts = layer(core)
    expect(await checkouts.checkout(input, context('k1'))).toEqual({
      kind: 'outcome',
      outcome: { kind: 'cart_empty', cartId: 'cart_1' },
    })
    expect(
      await checkouts.checkout({ paymentMethod: 'pm_card_visa', cartId: 'cart_1' }, context('k1')),
    ).toEqual({
      kind: 'replay',
      response: { status: 422, body: { kind: 'cart_empty' } },
    })
    expect(calls).toEqual(['start'])
  })

  it('refuses the key with another body', async () => {
    const { core, calls } = scriptedCore()
    const checkouts = layer(core)
    await checkouts.checkout(input, context('k2'))
    expect(await checkouts.checkout({ ...input, cartId: 'cart_2' }, context('k2'))).toEqual({
      kind: 'key_reused',
    })
    expect(calls).toEqual(['start'])
  })

  it('refuses the key while a request with it is in flight', async () => {
    let finish: (o: CheckoutOutcome) => void = () => {}
    const { core } = scriptedCore(new Promise<CheckoutOutcome>((resolve) => (finish = resolve)))
    const checkouts = layer(core)
    const first = checkouts.checkout(input, context('k3'))
    await new Promise((r) => setTimeout(r, 50))
    expect(await checkouts.checkout(input, context('k3'))).toEqual({ kind: 'key_in_use' })
    finish({ kind: 'cart_empty', cartId: 'cart_1' })
    expect((await first).kind).toBe('outcome')
  })

  it('releases the key unsaved on a retryable outcome, and a retry resumes the recorded order', async () => {
    const { core, calls } = scriptedCore(indeterminate, { kind: 'cart_empty', cartId: 'cart_1' })
    const checkouts = layer(core)
    expect(await checkouts.checkout(input, context('k4'))).toEqual({
      kind: 'outcome',
      outcome: indeterminate,
    })
    expect((await checkouts.checkout(input, context('k4'))).kind).toBe('outcome')
    expect(calls).toEqual(['start', 'resume ord_1'])
    expect((await checkouts.checkout(input, context('k4'))).kind).toBe('replay')
  })

  it('releases the key when the core throws, so a retry runs again', async () => {
    const { core, calls } = scriptedCore(new Error('boom'))
    const checkouts = layer(core)
    await expect(checkouts.checkout(input, context('k5'))).rejects.toThrow('boom')
    expect((await checkouts.checkout(input, context('k5'))).kind).toBe('outcome')
    expect(calls).toEqual(['start', 'resume ord_1'])
  })

  it('resumes a key the caller claimed and saves a final answer', async () => {
    const { core, calls } = scriptedCore(indeterminate, { kind: 'cart_empty', cartId: 'cart_1' })
    const checkouts = layer(core)
    await checkouts.checkout(input, context('k6'))
    expect(await checkouts.resumeClaimed('k6', 'ord_1', {})).toEqual({ kind: 'cart_empty', cartId: 'cart_1' })
    expect(calls).toEqual(['start', 'resume ord_1'])
    expect(await checkouts.checkout(input, context('k6'))).toMatchObject({ kind: 'replay' })
  })
})
