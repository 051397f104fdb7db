import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { createLeaseScope, requestPool } from './connection-leases.js'
import type { Db, PoolOptions, Queryable, QueryResult } from './db.js'
import {
  DatabaseThreadError,
  type ThreadReply,
  type ThreadRequest,
  type ThreadStart,
} from './pglite-thread-protocol.js'
import { precompilePgliteWasm } from './pglite-wasm.js'

/** Distributes the `Omit` over a union, so each request's own fields stay required. */
type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never

/**
 * Opens an embedded PGlite database in `dataDir` on a thread of its own (`pglite-thread.ts`), as
 * `openPgliteDb` does in this thread: the same `Db`, the same one session. PGlite's WebAssembly and
 * its wire-protocol encoding then run beside the platform's event loop instead of inside it
 * (docs/decisions/0004-database-thread.md). Access is serialised here as PGlite's own mutex
 * serialises it: a statement waits for an open transaction to end.
 *
 * @example const db = await openPgliteThreadDb('/dev/shm/run-1')
 */
export async function openPgliteThreadDb(dataDir: string, pool: PoolOptions = {}): Promise<Db> {
  const wasmModule = await precompilePgliteWasm()
  const worker = new Worker(threadEntry(), {
    workerData: { dataDir, ...(wasmModule ? { wasmModule } : {}) } satisfies ThreadStart,
  })
  const pending = new Map<number, { resolve(r: QueryResult<never>): void; reject(e: Error): void }>()
  let stopped: Error | undefined
  const stop = (error: Error): void => {
    stopped ??= error
    for (const p of pending.values()) p.reject(stopped)
    pending.clear()
  }
  worker.on('message', (reply: ThreadReply) => {
    const waiter = pending.get(reply.id)
    if (!waiter) return
    pending.delete(reply.id)
    if (reply.error) waiter.reject(new DatabaseThreadError(reply.error))
    else waiter.resolve({ rows: reply.rows as never[], rowCount: reply.rowCount })
  })
  worker.on('error', (error) => stop(new Error(`The database thread failed: ${error.message}`)))
  worker.on('exit', (code) => stop(new Error(`The database thread stopped (exit ${code})`)))

  let lastId = 0
  const send = <R>(request: Request): Promise<QueryResult<R>> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped)
      const id = ++lastId
      pending.set(id, { resolve: resolve as (r: QueryResult<never>) => void, reject })
      worker.postMessage({ ...request, id } as ThreadRequest)
    })
  // Id 0 answers once PGlite is open (or says why it could not open).
  await new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject })
  }).catch(async (error: unknown) => {
    await worker.terminate()
    throw error
  })

  // One statement or one transaction at a time, in arrival order: PGlite has one session.
  let tail: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn)
    tail = run.catch(() => {})
    return run
  }

  const leases = requestPool(pool)
  const scope = createLeaseScope({ acquire: () => leases.acquire(), release: () => leases.release() })
  let closing: Promise<void> | undefined
  return {
    kind: 'pglite',
    query: <R>(sql: string, params?: readonly unknown[]) =>
      exclusive(() => send<R>({ op: 'query', sql, ...(params ? { params: [...params] } : {}) })),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      exclusive(async () => {
        await send({ op: 'begin' })
        let open = true
        const tx: Queryable = {
          query: <R>(sql: string, params?: readonly unknown[]) => {
            if (!open) return Promise.reject(new Error('Failed to query: the transaction is closed'))
            return send<R>({ op: 'query', sql, ...(params ? { params: [...params] } : {}) })
          },
        }
        let result: T
        try {
          result = await fn(tx)
        } catch (error) {
          open = false
          await send({ op: 'rollback' }).catch(() => {})
          throw error
        }
        open = false
        await send({ op: 'commit' })
        return result
      }),
    withConnection: (fn) => scope.run(fn),
    close: () =>
      (closing ??= (async () => {
        await exclusive(() => send({ op: 'close' })).catch(() => {})
        await worker.terminate()
      })()),
  }
}

/**
 * The thread's module: from `dist/`, the bundle the build writes (`pglite-thread.bundle.js`, found
 * beside this module or, when this code sits in a shared chunk, under `platform/db/`); from source
 * (tests), the `.ts` loaded through tsx, which a worker does not inherit from its parent's flags.
 */
function threadEntry(): URL {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api')
    const entry = new URL('./pglite-thread.ts', here).href
    const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)})`
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
  }
  const candidates = [
    './pglite-thread.bundle.js',
    '../platform/db/pglite-thread.bundle.js',
    './pglite-thread.js',
  ]
  for (const candidate of candidates) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return url
  }
  throw new Error(`Failed to find the database thread's module near ${here}`)
}
