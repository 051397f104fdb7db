import type { FastifyInstance } from 'fastify'
import { startFraud } from '../../simulators/fraud/start-fraud.js'
import { startPsp, type PspServer } from '../../simulators/psp/start-psp.js'
import { startTax } from '../../simulators/tax/start-tax.js'
import type { ManualClock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import { openTestDb, testApp } from './test-platform.js'

/** A vendor simulator listening over HTTP. */
export interface Simulator {
  url: string
  close(): Promise<void>
}

/** A PGlite database and the saga's three vendors as the real simulators, for one test. */
export interface SagaTestbed {
  db: Db
  psp: PspServer
  tax: Simulator
  fraud: Simulator
  /** An app with the saga on these vendors; closed by `close()`. */
  app(safeguards?: Record<string, boolean>, clock?: ManualClock): FastifyInstance
  /** Runs `close` at `close()`, before the apps (a client a test made on these vendors). */
  defer(close: () => Promise<void>): void
  /** Closes what was deferred and every app, then the simulators, then the database. */
  close(): Promise<void>
}

/**
 * What the saga's end-to-end tests share: the platform on PGlite against the real PSP, tax and
 * fraud simulators over HTTP (seed 7). `clock` drives the PSP too, so `created` windows and the
 * orders are on one time.
 * @example let bed: SagaTestbed; beforeEach(async () => (bed = await startSagaTestbed())); afterEach(() => bed.close())
 */
export async function startSagaTestbed(options: { clock?: ManualClock } = {}): Promise<SagaTestbed> {
  const db = await openTestDb()
  const [psp, tax, fraud] = await Promise.all([
    startPsp({ port: 0, seed: 7, ...(options.clock ? { clock: options.clock } : {}) }),
    startTax({ port: 0, seed: 7 }),
    startFraud({ port: 0, seed: 7 }),
  ])
  const closers: Array<() => Promise<void>> = []
  return {
    db,
    psp,
    tax,
    fraud,
    app(safeguards = {}, clock = options.clock) {
      const t = testApp(db, { pspUrl: psp.url, taxUrl: tax.url, fraudUrl: fraud.url, safeguards }, clock)
      closers.push(t.close)
      return t.app
    },
    defer(close) {
      closers.push(close)
    },
    async close() {
      for (const close of closers.splice(0)) await close()
      await Promise.all([psp.close(), tax.close(), fraud.close()])
      await db.close()
    },
  }
}

/** Adds a fault rule to a simulator through its admin API. */
export async function addFault(sim: { url: string }, rule: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(rule) })
  if (!res.ok) throw new Error(`Failed to add fault: ${res.status} ${await res.text()}`)
}
