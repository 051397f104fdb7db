import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LedgerEntry } from '../balance/ledger.js'
import { startPsp, type PspServer } from '../start-psp.js'

let psp: PspServer
let stripe: Stripe

beforeEach(async () => {
  psp = await startPsp({ port: 0, seed: 5 })
  stripe = new Stripe('sk_test_123', {
    host: '127.0.0.1',
    port: psp.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  })
})
afterEach(async () => {
  await psp.close()
})

const captures = async (): Promise<LedgerEntry[]> =>
  ((await (await fetch(`${psp.url}/__admin/ledger`)).json()) as { entries: LedgerEntry[] }).entries.filter(
    (e) => e.type === 'capture',
  )

const addFault = (rule: unknown): Promise<Response> =>
  fetch(`${psp.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(rule) })

const order = {
  amount: 1500,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
  metadata: { order_id: 'ord_9' },
}
const route = { method: 'POST', path: '/v1/payment_intents' }

describe('ambiguous success', () => {
  it('charges, drops the response, and replays the charge to a retry with the same key', async () => {
    await addFault({
      match: route,
      schedule: { times: 1 },
      effect: { type: 'ambiguous-success', then: 'drop' },
    })
    // stripe-node retries a reset connection once even with maxNetworkRetries 0: lose that try too.
    await addFault({ match: route, schedule: { times: 1 }, effect: { type: 'reset' } })
    const error = await stripe.paymentIntents
      .create(order, { idempotencyKey: 'amb-1' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect(await captures()).toHaveLength(1)
    const applied = (await (await fetch(`${psp.url}/__admin/faults/applied`)).json()) as {
      entries: Array<{ effect: string; idempotencyKey?: string }>
    }
    expect(applied.entries.map((e) => [e.effect, e.idempotencyKey])).toEqual([
      ['ambiguous-success', 'amb-1'],
      ['reset', 'amb-1'],
    ])

    const retried = await stripe.paymentIntents.create(order, { idempotencyKey: 'amb-1' })
    expect(retried.status).toBe('succeeded')
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(await captures()).toHaveLength(1)

    await stripe.paymentIntents.create(order)
    const after = await captures()
    expect(after).toHaveLength(2)
    expect(after.map((e) => e.metadata.order_id)).toEqual(['ord_9', 'ord_9'])
  })

  it("lets stripe-node's own retry of a dropped response learn the saved outcome", async () => {
    await addFault({
      match: route,
      schedule: { times: 1 },
      effect: { type: 'ambiguous-success', then: 'drop' },
    })
    const pi = await stripe.paymentIntents.create(order, { idempotencyKey: 'amb-2' })
    expect(pi.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(await captures()).toHaveLength(1)
  })

  it('never drops a replay, even while the rule is active', async () => {
    await stripe.paymentIntents.create(order, { idempotencyKey: 'amb-3' })
    await addFault({ match: route, effect: { type: 'ambiguous-success', then: 'drop' } })
    const replay = await stripe.paymentIntents.create(order, { idempotencyKey: 'amb-3' })
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    const applied = (await (await fetch(`${psp.url}/__admin/faults/applied`)).json()) as {
      entries: unknown[]
    }
    expect(applied.entries).toHaveLength(0)
  })

  it('answers a 500 after charging when then is error, and the retry replays the success', async () => {
    await addFault({
      match: route,
      schedule: { times: 1 },
      effect: { type: 'ambiguous-success', then: 'error' },
    })
    const error = await stripe.paymentIntents
      .create(order, { idempotencyKey: 'amb-4' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError)
    const retried = await stripe.paymentIntents.create(order, { idempotencyKey: 'amb-4' })
    expect(retried.status).toBe('succeeded')
    expect(await captures()).toHaveLength(1)
  })
})
