import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPsp, type PspServer } from '../../simulators/psp/start-psp.js'
import type { Db } from '../db/db.js'
import { openTestDb, testApp } from '../testing/test-platform.js'

/** The periodic pass: it runs once the app listens, only with the `reconciler` safeguard on. */
let db: Db
let psp: PspServer
const closers: (() => Promise<void>)[] = []

beforeEach(async () => {
  db = await openTestDb()
  psp = await startPsp({ port: 0, seed: 7 })
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await psp.close()
  await db.close()
})

/** A listening PSP-only app, and a charge at the PSP for an order that does not exist. */
async function orphanCharge(reconciler: boolean) {
  const t = testApp(db, { pspUrl: psp.url, safeguards: { reconciler } })
  closers.push(t.close)
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const url = new URL(psp.url)
  const stripe = new Stripe('sk_test_x', { host: url.hostname, port: Number(url.port), protocol: 'http' })
  const pi = await stripe.paymentIntents.create({
    amount: 900,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { order_id: 'ord_lost', checkout_key: 'k' },
  })
  const ledger = async () =>
    (
      (await (await fetch(`${psp.url}/__admin/ledger`)).json()) as {
        entries: { type: string; paymentIntentId: string }[]
      }
    ).entries
      .filter((e) => e.paymentIntentId === pi.id)
      .map((e) => e.type)
  return { app: t.app, ledger }
}

async function ledgerAfter(read: () => Promise<string[]>, ms: number, until: number): Promise<string[]> {
  const end = Date.now() + ms
  let entries = await read()
  while (Date.now() < end && entries.length < until) {
    await new Promise((r) => setTimeout(r, 100))
    entries = await read()
  }
  return entries
}

describe('the periodic reconciliation pass', () => {
  it('refunds a charge with no order without being asked', async () => {
    const { app, ledger } = await orphanCharge(true)
    expect(await ledgerAfter(ledger, 8_000, 3)).toEqual(['authorization', 'capture', 'refund'])
    const report = (await app.inject({ method: 'GET', url: '/__admin/reconciliation' })).json() as {
      repaired: { kind: string }[]
      passes: number
    }
    expect(report.repaired.map((r) => r.kind)).toEqual(['charge_refunded'])
    expect(report.passes).toBeGreaterThan(0)
  })

  it('runs no pass with the reconciler safeguard off', async () => {
    const { app, ledger } = await orphanCharge(false)
    expect(await ledgerAfter(ledger, 4_500, 3)).toEqual(['authorization', 'capture'])
    const report = (await app.inject({ method: 'GET', url: '/__admin/reconciliation' })).json() as {
      passes: number
    }
    expect(report.passes).toBe(0)
  })

  it('answers 502 PSP_UNAVAILABLE when a pass on demand cannot read the PSP', async () => {
    const t = testApp(db, { pspUrl: 'http://127.0.0.1:9' })
    closers.push(t.close)
    const res = await t.app.inject({ method: 'POST', url: '/__admin/reconcile', payload: {} })
    expect(res.statusCode).toBe(502)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.json()).toMatchObject({ code: 'PSP_UNAVAILABLE' })
  })
})
