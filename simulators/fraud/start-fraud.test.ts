import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SimulatorServer } from '../tax/start-tax.js'
import { startFraud } from './start-fraud.js'

let fraud: SimulatorServer
beforeEach(async () => {
  fraud = await startFraud({ port: 0, seed: 3 })
})
afterEach(async () => {
  await fraud.close()
})

const assess = async (
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${fraud.url}/v1/assessments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const order = { orderId: 'ord_1', email: 'ann@example.com', amount: 4_999, currency: 'USD' }

describe('fraud simulator', () => {
  it('assesses an order with a score in 0–1 and a decision, retrievable by id', async () => {
    const res = await assess(order)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ orderId: 'ord_1', decision: 'accept', currency: 'usd' })
    expect(res.body.id).toMatch(/^asm_/)
    const got = await fetch(`${fraud.url}/v1/assessments/${String(res.body.id)}`)
    expect(((await got.json()) as { score: number }).score).toBe(res.body.score)
  })

  it('replays an assessment for the same Idempotency-Key', async () => {
    const first = await assess(order, { 'idempotency-key': 'fk-1' })
    const second = await assess({ ...order, email: 'ann+reject@example.com' }, { 'idempotency-key': 'fk-1' })
    expect(second.body.id).toBe(first.body.id)
    expect(second.status).toBe(200)
  })

  it('refuses invalid input naming the field', async () => {
    for (const [field, bad] of [
      ['amount', { ...order, amount: 10.5 }],
      ['email', { ...order, email: 'nope' }],
      ['orderId', { ...order, orderId: '' }],
      ['currency', { ...order, currency: 'dollars' }],
    ] as const) {
      const res = await assess(bad)
      expect(res.status).toBe(400)
      expect((res.body.error as { field: string }).field).toBe(field)
    }
  })

  it('drops the response after assessing under ambiguous success', async () => {
    await fetch(`${fraud.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/v1/assessments' },
        schedule: { times: 1 },
        effect: { type: 'ambiguous-success', then: 'drop' },
      }),
    })
    await expect(assess(order)).rejects.toThrow()
    const ledger = (await (await fetch(`${fraud.url}/__admin/ledger`)).json()) as { entries: unknown[] }
    expect(ledger.entries).toHaveLength(1)
  })
})
