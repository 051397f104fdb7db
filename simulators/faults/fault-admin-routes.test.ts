import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPsp, type PspServer } from '../psp/start-psp.js'

let psp: PspServer
beforeEach(async () => {
  psp = await startPsp({ port: 0, seed: 2 })
})
afterEach(async () => {
  await psp.close()
})

const admin = (path: string, init?: RequestInit): Promise<Response> =>
  fetch(`${psp.url}/__admin${path}`, init)
const post = (rule: unknown): Promise<Response> =>
  admin('/faults', { method: 'POST', body: JSON.stringify(rule) })

describe('/__admin/faults', () => {
  it('adds a valid rule with an id and lists it', async () => {
    const rule = {
      name: 'slow creates',
      match: {
        method: 'POST',
        path: '/v1/payment_intents*',
        body: { payment_method: 'pm_card_visa' },
        fraction: 0.3,
      },
      schedule: { fromMs: 0, untilMs: 5000, times: 10 },
      effect: { type: 'latency', distribution: { type: 'fixed', ms: 800 } },
    }
    const res = await post(rule)
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string }
    expect(created).toMatchObject({ ...rule, id: expect.any(String) })
    const listed = (await (await admin('/faults')).json()) as { rules: Array<{ id: string }> }
    expect(listed.rules.map((r) => r.id)).toEqual([created.id])
  })

  it('keeps a caller-given id, numbers the others, and refuses a taken id with a 409', async () => {
    const rule = { effect: { type: 'reset' } }
    const ids = async (): Promise<string[]> =>
      ((await (await admin('/faults')).json()) as { rules: Array<{ id: string }> }).rules.map((r) => r.id)
    expect((await post(rule)).status).toBe(201)
    expect((await post({ ...rule, id: 'psp-lost-response' })).status).toBe(201)
    const taken = await post({ ...rule, id: 'psp-lost-response' })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({ error: { code: 'FAULT_RULE_ID_TAKEN' } })
    expect((await post({ ...rule, id: 'has spaces' })).status).toBe(400)
    expect(await ids()).toEqual(['rule-1', 'psp-lost-response'])
    await admin('/reset', { method: 'POST' })
    expect((await post(rule)).status).toBe(201)
    expect(await ids()).toEqual(['rule-1'])
  })

  it('refuses an invalid rule with a 400 naming the problem', async () => {
    const res = await post({
      effect: { type: 'latency', distribution: { type: 'uniform', minMs: 50, maxMs: 10 } },
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } }
    expect(body.error.code).toBe('FAULT_RULE_INVALID')
    expect(body.error.details[0]?.path).toBe('/effect/distribution/maxMs')
    expect((await post({ effect: { type: 'explode' } })).status).toBe(400)
    expect((await admin('/faults', { method: 'POST', body: 'not json' })).status).toBe(400)
  })

  it.each([
    [
      { effect: { type: 'explode' } },
      '/effect/type',
      /must be one of latency, error, hang, .*webhook-bad-signature/,
    ],
    [{ effect: { type: 'error', status: 200 } }, '/effect/status', /from 400 to 599/],
    [
      { effect: { type: 'latency', distribution: { type: 'fixed', ms: -5 } } },
      '/effect/distribution/ms',
      /from 0 to/,
    ],
    [
      { effect: { type: 'latency' } },
      '/effect/distribution',
      /is required.*fixed, uniform, normal, lognormal/,
    ],
    [{ effect: { type: 'rate-limit', ratePerS: 0, burst: 1 } }, '/effect/ratePerS', /> 0/],
    [{ match: { method: 'FETCH' }, effect: { type: 'reset' } }, '/match/method', /GET, POST, PUT, PATCH/],
  ])('refuses %j with a 400 naming the field, and adds nothing', async (rule, path, message) => {
    const res = await post(rule)
    expect(res.status).toBe(400)
    const body = (await res.json()) as {
      error: { code: string; message: string; details: Array<{ path: string; message: string }> }
    }
    expect(body.error.code).toBe('FAULT_RULE_INVALID')
    expect(body.error.details).toEqual([{ path, message: expect.stringMatching(message) }])
    expect(body.error.message).toBe(`Failed to add fault rule: ${body.error.details[0]?.message}`)
    expect(JSON.stringify(body)).not.toContain('Expected union value')
    expect(((await (await admin('/faults')).json()) as { rules: unknown[] }).rules).toEqual([])
  })

  it('accepts a lower-case method (the matcher compares upper-cased)', async () => {
    await post({ match: { method: 'get', path: '/v1/*' }, effect: { type: 'error', status: 503 } })
    const res = await fetch(`${psp.url}/v1/payment_intents/pi_x`, {
      headers: { authorization: 'Bearer sk_test_1' },
    })
    expect(res.status).toBe(503)
  })

  it('removes one rule and clears all', async () => {
    const a = (await (await post({ effect: { type: 'reset' } })).json()) as { id: string }
    await post({ effect: { type: 'hang' } })
    expect((await admin(`/faults/${a.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await admin(`/faults/${a.id}`, { method: 'DELETE' })).status).toBe(404)
    expect(((await (await admin('/faults')).json()) as { rules: unknown[] }).rules).toHaveLength(1)
    await admin('/faults', { method: 'DELETE' })
    expect(((await (await admin('/faults')).json()) as { rules: unknown[] }).rules).toHaveLength(0)
  })

  it('logs each applied fault with its rule, method and path', async () => {
    const rule = (await (
      await post({ match: { path: '/v1/*' }, effect: { type: 'error', status: 503 } })
    ).json()) as {
      id: string
    }
    const res = await fetch(`${psp.url}/v1/payment_intents/pi_x`, {
      headers: { authorization: 'Bearer sk_test_1' },
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('stripe-should-retry')).toBe('true')
    const applied = (await (await admin('/faults/applied')).json()) as {
      entries: Array<Record<string, unknown>>
    }
    expect(applied.entries).toEqual([
      expect.objectContaining({
        ruleId: rule.id,
        method: 'GET',
        path: '/v1/payment_intents/pi_x',
        effect: 'error',
      }),
    ])
  })

  it('resets state, rules and the applied log', async () => {
    await post({ effect: { type: 'error', status: 500 } })
    await fetch(`${psp.url}/v1/payment_intents`, { headers: { authorization: 'Bearer sk_test_1' } })
    expect((await admin('/reset', { method: 'POST' })).status).toBe(200)
    expect(((await (await admin('/faults')).json()) as { rules: unknown[] }).rules).toHaveLength(0)
    expect(((await (await admin('/faults/applied')).json()) as { entries: unknown[] }).entries).toHaveLength(
      0,
    )
  })
})
