import { afterEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.js'

const started: Harness[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

async function firstObjects(options: { seed: number; idSalt?: string }) {
  const h = await startHarness(options)
  started.push(h)
  const pi = await h.stripe.paymentIntents.create(
    { amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true },
    { idempotencyKey: 'same-key-every-start' },
  )
  const endpoint = await h.stripe.webhookEndpoints.create({
    url: 'http://127.0.0.1:9/hook',
    enabled_events: ['*'],
  })
  return { pi: pi.id, charge: String(pi.latest_charge), secret: endpoint.secret, status: pi.status }
}

describe('what the server mints is fresh per start', () => {
  it('gives a second start with the same seed new ids and new webhook secrets, and the same outcomes', async () => {
    const a = await firstObjects({ seed: 5 })
    const b = await firstObjects({ seed: 5 })
    expect(a.pi).not.toBe(b.pi)
    expect(a.charge).not.toBe(b.charge)
    expect(a.secret).not.toBe(b.secret)
    expect(a.status).toBe(b.status)
  })

  it('replays the same ids when the salt is given again', async () => {
    const a = await firstObjects({ seed: 5, idSalt: 'replay' })
    const b = await firstObjects({ seed: 5, idSalt: 'replay' })
    expect([a.pi, a.charge, a.secret]).toEqual([b.pi, b.charge, b.secret])
  })
})
