import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { manualClock } from '../../lib/clock.js'
import type { Db } from '../../platform/db/db.js'
import { cartWith, openTestDb, testApp } from '../../platform/testing/test-platform.js'
import { checkIntegrity } from '../../reports/integrity/check-integrity.js'
import { readGroundTruth } from '../../reports/schemas/index.js'
import { aRunRecord } from '../../reports/testing/run-record-factory.js'
import { startFraud } from '../../simulators/fraud/start-fraud.js'
import { startPsp } from '../../simulators/psp/start-psp.js'
import { startTax } from '../../simulators/tax/start-tax.js'
import { groundTruthReader, type GroundTruthReader } from './ground-truth.js'

/**
 * `stateMismatches` end to end: the checkout saga against the real PSP, tax and fraud simulators
 * over HTTP, its ground truth read through the reader as a game day reads it. A correct run
 * leaves no mismatch; an order row changed behind the vendors' backs is one.
 */
type Sim = { url: string; close(): Promise<void> }
let db: Db
let sims: Sim[]
let app: FastifyInstance
let closeApp: () => Promise<void>
let reader: GroundTruthReader

beforeEach(async () => {
  db = await openTestDb()
  const [psp, tax, fraud] = await Promise.all([
    startPsp({ port: 0, seed: 7 }),
    startTax({ port: 0, seed: 7 }),
    startFraud({ port: 0, seed: 7 }),
  ])
  sims = [psp, tax, fraud]
  ;({ app, close: closeApp } = testApp(db, { pspUrl: psp.url, taxUrl: tax.url, fraudUrl: fraud.url }))
  const skipped = { skipped: 'not read by this test' }
  reader = groundTruthReader({
    pspUrl: psp.url,
    taxUrl: tax.url,
    fraudUrl: fraud.url,
    clock: manualClock(),
    target: {
      isQuiet: async () => true,
      readGroundTruth: async () => ({
        orders: readGroundTruth(
          'orders',
          (await app.inject({ method: 'GET', url: '/__admin/orders' })).json(),
        ),
        inventory: skipped,
        publishedEvents: skipped,
        webhooks: skipped,
      }),
    },
  })
})
afterEach(async () => {
  await closeApp()
  await Promise.all(sims.map((sim) => sim.close()))
  await db.close()
})

async function checkout(key: string, email: string): Promise<number> {
  const cartId = await cartWith(app, 'sku_tshirt', 1)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key },
    payload: { cartId, paymentMethod: 'pm_card_visa', email },
  })
  return res.statusCode
}

async function stateMismatches() {
  const truth = await reader.read()
  const { integrity, findings } = checkIntegrity({ ...aRunRecord([]), ...truth })
  return { count: integrity.stateMismatches, findings: findings.filter((f) => f.check === 'stateMismatches') }
}

describe('stateMismatches over a real checkout saga', () => {
  it('finds none in a correct run, and one order whose row was changed behind the vendors', async () => {
    // Paid (accept), failed before authorisation (block), held uncaptured (watch).
    expect([
      await checkout('ok', 'ada@example.com'),
      await checkout('block', 'ada+reject@example.com'),
      await checkout('watch', 'ada+review@example.com'),
    ]).toEqual([201, 422, 202])
    const truth = await reader.read()
    expect(Array.isArray(truth.taxTransactions) && Array.isArray(truth.fraudDecisions)).toBe(true)
    expect(await stateMismatches()).toEqual({ count: 0, findings: [] })

    const paid = await db.query<{ id: string }>("SELECT id FROM orders WHERE status = 'paid'")
    const id = paid.rows[0]?.id
    await db.query("UPDATE orders SET status = 'failed', failure_code = 'CARD_DECLINED' WHERE id = $1", [id])
    const { count, findings } = await stateMismatches()
    expect(count).toBe(1)
    expect(findings[0]).toMatchObject({ orderId: id })
    expect(findings[0]?.detail).toMatch(
      /is failed .*PSP: pi_\S+ captured; tax vendor: committed; fraud vendor: accept/,
    )
  })
})
