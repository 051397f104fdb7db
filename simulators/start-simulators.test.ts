import { createServer } from 'node:net'
import Stripe from 'stripe'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulators, type Simulators } from './start-simulators.js'

let sims: Simulators | undefined
afterEach(async () => {
  await sims?.close()
  sims = undefined
})

describe('startSimulators', () => {
  it('starts all three on free ports, each answering its own API', async () => {
    sims = await startSimulators({ seed: 8 })
    const { psp, tax, fraud } = sims
    expect(new Set([psp.port, tax.port, fraud.port]).size).toBe(3)
    expect(sims.webhookSecret).toMatch(/^whsec_/)
    const stripe = new Stripe('sk_test_1', {
      host: '127.0.0.1',
      port: psp.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    })
    expect((await stripe.paymentIntents.create({ amount: 500, currency: 'usd' })).status).toBe(
      'requires_payment_method',
    )
    const quote = await fetch(`${tax.url}/api/v2/transactions/create`, {
      method: 'POST',
      body: JSON.stringify({
        customerCode: 'c',
        addresses: { singleLocation: { region: 'CA', country: 'US' } },
        lines: [{ amount: 10 }],
      }),
    })
    expect(((await quote.json()) as { totalTax: number }).totalTax).toBe(0.73)
    const assessment = await fetch(`${fraud.url}/v1/assessments`, {
      method: 'POST',
      body: JSON.stringify({ orderId: 'o1', email: 'a+reject@example.com', amount: 500, currency: 'usd' }),
    })
    expect(((await assessment.json()) as { decision: string }).decision).toBe('reject')
  })

  it('closes the ones that started when another cannot', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      await expect(startSimulators({ taxPort: port })).rejects.toThrow(/Failed to start simulators/)
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })
})
