// The embedded database's own thread: PGlite, its WebAssembly and its wire-protocol encoding run
// here, so the platform's event loop (fastify, the vendor calls) and the database use two cores
// instead of taking turns on one (docs/decisions/0004-database-thread.md). Started by
// `pglite-worker-db.ts`, which serialises access as PGlite's own mutex would; this side runs the
// messages one at a time, in the order they came.
import { PGlite } from '@electric-sql/pglite'
import { writeFileSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { pgliteOptions } from './pglite-options.js'
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread-protocol.js'
import { toThreadError } from './pglite-thread-protocol.js'

// Named so `top -H`, `ps -L` and the capacity bench tell the database's CPU from the platform's
// (Linux lets a thread rename itself; elsewhere the name is simply not set).
try {
  writeFileSync('/proc/thread-self/comm', 'gameday-db')
} catch {
  // not Linux
}

const port = parentPort!
const start = workerData as ThreadStart

const inbox: ThreadRequest[] = []
let waiting: ((request: ThreadRequest) => void) | undefined
port.on('message', (request: ThreadRequest) => {
  if (waiting) {
    const resolve = waiting
    waiting = undefined
    resolve(request)
  } else inbox.push(request)
})
const next = (): Promise<ThreadRequest> =>
  inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => (waiting = resolve))

const reply = (message: ThreadReply): void => port.postMessage(message)

async function answer(id: number, run: () => Promise<{ rows: unknown[]; affectedRows?: number }>) {
  try {
    const res = await run()
    reply({ id, rows: res.rows, rowCount: res.affectedRows ?? res.rows.length })
  } catch (error) {
    reply({ id, error: toThreadError(error) })
  }
}

/** Thrown out of the transaction's callback so PGlite rolls it back. */
class Rollback extends Error {}

/** A transaction: every message until its commit or rollback runs inside it. */
async function transaction(beginId: number): Promise<void> {
  let endId = beginId
  let begun = false
  try {
    await pg.transaction(async (tx) => {
      begun = true
      reply({ id: beginId, rows: [], rowCount: 0 })
      for (;;) {
        const request = await next()
        endId = request.id
        if (request.op === 'query') await answer(request.id, () => tx.query(request.sql, request.params))
        else if (request.op === 'commit') return
        else if (request.op === 'rollback') throw new Rollback()
        else
          reply({ id: request.id, error: { message: `Failed to run ${request.op}: a transaction is open` } })
      }
    })
    reply({ id: endId, rows: [], rowCount: 0 })
  } catch (error) {
    if (error instanceof Rollback) reply({ id: endId, rows: [], rowCount: 0 })
    else reply({ id: begun ? endId : beginId, error: toThreadError(error) })
  }
}

const pg = await PGlite.create(pgliteOptions(start.dataDir, start.wasmModule)).catch((error: unknown) => {
  reply({ id: 0, error: toThreadError(error) })
  throw error
})
reply({ id: 0, rows: [], rowCount: 0 })

for (;;) {
  const request = await next()
  if (request.op === 'query') await answer(request.id, () => pg.query(request.sql, request.params))
  else if (request.op === 'begin') await transaction(request.id)
  else if (request.op === 'close') {
    await pg.close().catch(() => {})
    reply({ id: request.id, rows: [], rowCount: 0 })
    port.close()
    break
  } else reply({ id: request.id, error: { message: `Failed to ${request.op}: no transaction is open` } })
}
