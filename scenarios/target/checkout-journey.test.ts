import { describe, expect, it } from 'vitest'
import { SHOPPER_DEFAULTS } from '../format/resolve-scenario.js'
import { playCheckout } from './checkout-journey.js'
import type { HttpSteps, StepAnswer, StepRequest } from './http-step.js'
import { createOrderMemory } from './order-memory.js'
import type { PlayerContext } from './player-context.js'

/** A platform that answers each request from a script, in order, and records what was sent. */
function scripted(answers: StepAnswer[]) {
  const sent: StepRequest[] = []
  const http: HttpSteps = {
    send: (request) => {
      sent.push(request)
      const answer = answers.shift()
      if (!answer) throw new Error(`Failed to answer ${request.name}: the script ran out`)
      return Promise.resolve(answer)
    },
    close: () => Promise.resolve(),
  }
  const ctx: PlayerContext = {
    http,
    shopper: { ...SHOPPER_DEFAULTS, retries: 1 },
    orders: createOrderMemory(),
  }
  return { ctx, sent: () => sent.map((r) => `${r.name}#${r.attempt} ${r.path}`) }
}

const answer = (status: number, json: Record<string, unknown> = {}): StepAnswer => ({
  type: 'answer',
  status,
  json,
})
const paid = answer(201, { order: { id: 'ord_1', status: 'paid', total: { amountMinor: 2_000 } } })

describe('playCheckout', () => {
  it('abandons a cart whose item add was lost and checks out a fresh one', async () => {
    const { ctx, sent } = scripted([
      answer(201, { id: 'cart_a' }),
      { type: 'lost', reason: 'ECONNRESET' },
      answer(201, { id: 'cart_b' }),
      answer(200),
      paid,
    ])
    const result = await playCheckout(ctx, { index: 1, idempotencyKey: 'k' }, undefined)
    expect(result).toMatchObject({ kind: 'checkout', tries: 1, outcome: { type: 'ok', orderId: 'ord_1' } })
    expect(sent()).toEqual([
      'cart#1 /v1/carts',
      'item#1 /v1/carts/cart_a/items',
      'cart#2 /v1/carts',
      'item#2 /v1/carts/cart_b/items',
      'checkout#1 /v1/checkouts',
    ])
  })

  it('gives up on a cart still unknown after its retries, and fails at once on a 4xx', async () => {
    const lost = scripted([answer(503), { type: 'lost', reason: 'timeout' }])
    expect(await playCheckout(lost.ctx, { index: 2, idempotencyKey: 'k' }, undefined)).toEqual({
      kind: 'checkout',
      tries: 0,
      outcome: { type: 'info', reason: 'cart: timeout' },
    })
    const refused = scripted([answer(201, { id: 'cart_a' }), answer(409, { code: 'OUT_OF_STOCK' })])
    expect(await playCheckout(refused.ctx, { index: 3, idempotencyKey: 'k' }, undefined)).toEqual({
      kind: 'checkout',
      tries: 0,
      outcome: { type: 'fail', status: 409, code: 'OUT_OF_STOCK' },
    })
    expect(refused.sent()).toHaveLength(2)
  })
})
