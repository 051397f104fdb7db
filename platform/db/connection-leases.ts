import { AsyncLocalStorage } from 'node:async_hooks'
import { systemClock } from '../../lib/clock.js'
import { DbPoolExhaustedError } from './db-errors.js'
import { DEFAULT_POOL_ACQUIRE_TIMEOUT_MS, DEFAULT_POOL_SIZE, type PoolOptions } from './db.js'

/** A connection a request holds: `value` is the backend's handle (a pg client; nothing for PGlite). */
export interface Lease<C> {
  readonly value: C
  /** Set once released: a callback scheduled inside the request must not use it afterwards. */
  released: boolean
}

/** Options for {@link createLeaseScope}. */
export interface LeaseScopeOptions<C> {
  /** Takes a connection from the pool; rejects with {@link DbPoolExhaustedError} when none comes free in time. */
  acquire(): Promise<C>
  /** Gives it back. */
  release(value: C): void
}

/** Holds one connection for the length of a call, and says which one the current call holds. */
export interface LeaseScope<C> {
  /** Runs `fn` holding one connection; a call already holding one reuses it (no second lease). */
  run<T>(fn: () => Promise<T>): Promise<T>
  /** The connection the current async context holds, if it still holds one. */
  current(): C | undefined
}

/**
 * Request-scoped connections, as Rails and Django hand them out: a request takes one connection
 * from the pool when it starts and gives it back when it ends, whatever it waits on in between —
 * a vendor call included. That is what makes the pool a resource one slow vendor can exhaust,
 * and what the `bulkhead` safeguard protects (see docs/safeguards.md).
 *
 * @example const scope = createLeaseScope({ acquire: () => pool.connect(), release: (c) => c.release() })
 */
export function createLeaseScope<C>(options: LeaseScopeOptions<C>): LeaseScope<C> {
  const storage = new AsyncLocalStorage<Lease<C>>()
  return {
    async run(fn) {
      const held = storage.getStore()
      if (held && !held.released) return fn()
      const lease: Lease<C> = { value: await options.acquire(), released: false }
      try {
        return await storage.run(lease, fn)
      } finally {
        lease.released = true
        options.release(lease.value)
      }
    },
    current() {
      const held = storage.getStore()
      return held && !held.released ? held.value : undefined
    },
  }
}

/** Options for {@link createSemaphore}. */
export interface SemaphoreOptions {
  size: number
  /** How long an acquire waits before {@link DbPoolExhaustedError}. */
  acquireTimeoutMs: number
  /** Monotonic ms, for how long a waiter waited. */
  now: () => number
}

/** A counting semaphore with a FIFO of waiters, each bounded by the acquire timeout. */
export interface Semaphore {
  acquire(): Promise<void>
  release(): void
  /** Leases held now, and acquires waiting. */
  stats(): { held: number; waiting: number; size: number }
}

/**
 * The connection pool of the embedded database: PGlite has one session, so its "connections" are
 * leases that bound how many requests hold the database at once, with the same size and acquire
 * timeout as a `pg` pool on a server — so a game day exhausts it the same way on either.
 */
export function createSemaphore(options: SemaphoreOptions): Semaphore {
  let held = 0
  const waiters: { grant: () => void }[] = []
  return {
    acquire() {
      if (held < options.size) {
        held++
        return Promise.resolve()
      }
      const startedMs = options.now()
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          grant: () => {
            clearTimeout(timer)
            resolve()
          },
        }
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter)
          if (i >= 0) waiters.splice(i, 1)
          reject(new DbPoolExhaustedError(options.size, Math.round(options.now() - startedMs)))
        }, options.acquireTimeoutMs)
        waiters.push(waiter)
      })
    },
    release() {
      const next = waiters.shift()
      // The lease passes straight to the next waiter: `held` stays the same.
      if (next) next.grant()
      else held = Math.max(0, held - 1)
    },
    stats: () => ({ held, waiting: waiters.length, size: options.size }),
  }
}

/** The request pool of either backend, from its options with their defaults. */
export function requestPool(pool: PoolOptions = {}): Semaphore {
  return createSemaphore({
    size: pool.size ?? DEFAULT_POOL_SIZE,
    acquireTimeoutMs: pool.acquireTimeoutMs ?? DEFAULT_POOL_ACQUIRE_TIMEOUT_MS,
    now: () => systemClock.monotonic(),
  })
}
