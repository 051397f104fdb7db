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
      headers: { authorization: `Basic ${Buffer.from('1:test-license-key').toString('base64')}` },
      body: JSON.stringify({
        date: '2026-11-25',
        customerCode: 'c',
        addresses: { singleLocation: { region: 'CA', country: 'US' } },
        lines: [{ amount: 10 }],
      }),
    })
    expect(((await quote.json()) as { totalTax: number }).totalTax).toBe(0.73)
    const event = await fetch(`${fraud.url}/v205/events?return_workflow_status=true`, {
      method: 'POST',
      body: JSON.stringify({
        $type: '$create_order',
        $api_key: 'k',
        $user_id: 'a',
        $order_id: 'o1',
        $user_email: 'a+reject@example.com',
        $amount: 5_000_000,
        $currency_code: 'USD',
      }),
    })
    const scored = (await event.json()) as {
      score_response: { workflow_statuses: Array<{ history: Array<{ config: { decision_id?: string } }> }> }
    }
    expect(scored.score_response.workflow_statuses[0]?.history[0]?.config.decision_id).toBe(
      'order_looks_bad_payment_abuse',
    )
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
