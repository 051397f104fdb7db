import { describe, expect, it } from 'vitest'
import { fingerprintOf, IdempotencyStore } from './idempotency-store.js'

describe('IdempotencyStore', () => {
  it('replays a saved response, refuses other parameters, and reports a key in flight', () => {
    const store = new IdempotencyStore()
    const f = fingerprintOf('POST /v1/payment_intents\namount=100')
    expect(store.begin('k', f, 0)).toEqual({ kind: 'new' })
    expect(store.begin('k', f, 1)).toEqual({ kind: 'in-flight' })
    store.complete('k', { status: 200, body: '{}' })
    expect(store.begin('k', f, 2)).toEqual({ kind: 'replay', saved: { status: 200, body: '{}' } })
    store.begin('s', f, 2)
    store.completeWithSnapshot('s', 200, { n: 7 }, (snapshot) => JSON.stringify(snapshot))
    expect(store.begin('s', f, 3)).toEqual({ kind: 'replay', saved: { status: 200, body: '{"n":7}' } })
    expect(store.begin('k', fingerprintOf('POST /v1/payment_intents\namount=101'), 3)).toEqual({
      kind: 'mismatch',
    })
  })

  it('frees a released key and expires keys after the ttl', () => {
    const store = new IdempotencyStore(1_000)
    store.begin('a', 1, 0)
    store.release('a')
    expect(store.begin('a', 2, 0)).toEqual({ kind: 'new' })
    store.complete('a', { status: 200, body: '{}' })
    expect(store.begin('a', 3, 1_000)).toEqual({ kind: 'new' })
  })

  it('evicts the oldest keys beyond its limit', () => {
    const store = new IdempotencyStore(86_400_000, 2)
    for (const key of ['a', 'b', 'c']) {
      store.begin(key, 1, 0)
      store.complete(key, { status: 200, body: key })
    }
    expect(store.size).toBe(2)
    expect(store.begin('a', 1, 0)).toEqual({ kind: 'new' })
  })
})
