import { describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock.js'
import { createLeaseScope, createSemaphore } from './connection-leases.js'
import { DbPoolExhaustedError } from './db-errors.js'

const now = () => systemClock.monotonic()

describe('createSemaphore', () => {
  it('grants up to its size, then hands a released lease to the first waiter', async () => {
    const pool = createSemaphore({ size: 2, acquireTimeoutMs: 5_000, now })
    await pool.acquire()
    await pool.acquire()
    const order: string[] = []
    const first = pool.acquire().then(() => order.push('first'))
    const second = pool.acquire().then(() => order.push('second'))
    expect(pool.stats()).toEqual({ held: 2, waiting: 2, size: 2 })
    pool.release()
    await first
    expect(order).toEqual(['first'])
    pool.release()
    await second
    expect(order).toEqual(['first', 'second'])
    expect(pool.stats()).toEqual({ held: 2, waiting: 0, size: 2 })
    pool.release()
    pool.release()
    expect(pool.stats().held).toBe(0)
  })

  it('refuses a waiter with DB_POOL_EXHAUSTED after the acquire timeout, and forgets it', async () => {
    const pool = createSemaphore({ size: 1, acquireTimeoutMs: 30, now })
    await pool.acquire()
    const err = await pool.acquire().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DbPoolExhaustedError)
    expect(err).toMatchObject({ code: 'DB_POOL_EXHAUSTED', poolSize: 1 })
    expect(pool.stats()).toEqual({ held: 1, waiting: 0, size: 1 })
    pool.release()
    await pool.acquire()
  })
})

describe('createLeaseScope', () => {
  it('holds one connection for a call, reuses it in nested calls, and releases it after', async () => {
    let next = 0
    const released: number[] = []
    const scope = createLeaseScope({
      acquire: async () => ++next,
      release: (n) => released.push(n),
    })
    expect(scope.current()).toBeUndefined()
    const seen = await scope.run(async () => {
      const outer = scope.current()
      const inner = await scope.run(async () => scope.current())
      return [outer, inner]
    })
    expect(seen).toEqual([1, 1])
    expect(released).toEqual([1])
    expect(next).toBe(1)
  })

  it('releases on a throw, and a callback scheduled inside does not use the lease afterwards', async () => {
    const released: number[] = []
    const scope = createLeaseScope({ acquire: async () => 7, release: (n) => released.push(n) })
    let later: Promise<number | undefined> = Promise.resolve(undefined)
    await expect(
      scope.run(async () => {
        later = new Promise((resolve) => setTimeout(() => resolve(scope.current()), 20))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(released).toEqual([7])
    expect(await later).toBeUndefined()
  })
})
