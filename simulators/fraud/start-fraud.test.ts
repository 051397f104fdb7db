import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import type { SimulatorServer } from '../tax/start-tax.js'
import type { FraudLedgerEntry } from './fraud-state.js'
import { createFraud, startFraud } from './start-fraud.js'

let fraud: SimulatorServer
beforeEach(async () => {
  fraud = await startFraud({ port: 0, seed: 3, clock: manualClock(Date.UTC(2026, 0, 1)) })
})
afterEach(async () => {
  await fraud.close()
})

type Body = Record<string, unknown>
interface ScoreResponse {
  user_id: string
  scores: Record<string, { score: number; reasons: Array<{ name: string; value: string }> }>
  workflow_statuses?: Array<{
    id: string
    entity: { type: string; id: string }
    history: Body[]
    route?: Body
  }>
}

const send = async (
  event: Body,
  query = 'return_workflow_status=true',
  init: { version?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; body: Body & { score_response?: ScoreResponse } }> => {
  const res = await fetch(`${fraud.url}/${init.version ?? 'v205'}/events?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(event),
  })
  return { status: res.status, body: (await res.json()) as Body & { score_response?: ScoreResponse } }
}
const get = async (path: string, key = 'k'): Promise<{ status: number; body: Body }> => {
  const res = await fetch(`${fraud.url}${path}`, { headers: { authorization: `Basic ${btoa(`${key}:`)}` } })
  return { status: res.status, body: (await res.json()) as Body }
}
const ledger = async (query = ''): Promise<FraudLedgerEntry[]> =>
  ((await (await fetch(`${fraud.url}/__admin/ledger${query}`)).json()) as { entries: FraudLedgerEntry[] })
    .entries
const decisionOf = (body: { score_response?: ScoreResponse }): unknown =>
  body.score_response?.workflow_statuses?.[0]?.history[0]?.config

const order = {
  $type: '$create_order',
  $api_key: 'k',
  $user_id: 'ann',
  $order_id: 'ord_1',
  $user_email: 'ann@example.com',
  $amount: 49_990_000,
  $currency_code: 'USD',
}

describe('fraud simulator: Events API', () => {
  it('answers an event with Sift’s envelope, echoing the body it received', async () => {
    const raw = JSON.stringify(order)
    const res = await send({}, '', { raw })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 0, error_message: 'OK', time: 1_767_225_600, request: raw })
  })

  it('scores an order in 0–1 and decides on it with a finished workflow run', async () => {
    const res = await send(order, 'return_workflow_status=true&return_route_info=true')
    const scored = res.body.score_response
    expect(scored?.user_id).toBe('ann')
    expect(scored?.scores.payment_abuse?.score).toBeLessThan(0.2)
    expect(scored?.workflow_statuses?.[0]).toMatchObject({
      id: expect.stringMatching(/^wfr_/) as unknown,
      state: 'finished',
      entity: { type: 'order', id: 'ord_1' },
      abuse_types: ['payment_abuse'],
      route: { name: 'score < 0.5: accept' },
    })
    expect(decisionOf(res.body)).toEqual({ decision_id: 'order_looks_ok_payment_abuse' })
  })

  it('lets test identities and amounts (in micros) aim at watch and block', async () => {
    const cases: Array<[Body, string]> = [
      [{ $user_email: 'ann+review@example.com' }, 'order_looks_risky_payment_abuse'],
      [{ $user_email: 'bob@reject.test' }, 'order_looks_bad_payment_abuse'],
      [{ $amount: 2_500_000_000 }, 'order_looks_risky_payment_abuse'],
      [{ $amount: 10_000_000_000 }, 'order_looks_bad_payment_abuse'],
      [{ $user_email: 'x@mailinator.com', $amount: 2_500_000_000 }, 'order_looks_bad_payment_abuse'],
    ]
    for (const [change, decisionId] of cases) {
      const res = await send({ ...order, $user_id: `u${decisionId.length}`, ...change })
      expect(decisionOf(res.body), JSON.stringify(change)).toEqual({ decision_id: decisionId })
    }
  })

  it('scores a user id that is an email when no $user_email is sent', async () => {
    const { $user_email: _email, ...noEmail } = order
    const res = await send({ ...noEmail, $user_id: 'cy+reject@example.com' })
    expect(decisionOf(res.body)).toEqual({ decision_id: 'order_looks_bad_payment_abuse' })
  })

  it('returns scores only when asked, for the abuse types asked', async () => {
    expect((await send(order, '')).body.score_response).toBeUndefined()
    const res = await send(order, 'return_score=true&abuse_types=payment_abuse,promotion_abuse')
    expect(Object.keys(res.body.score_response?.scores ?? {})).toEqual(['payment_abuse', 'promotion_abuse'])
    expect(res.body.score_response?.workflow_statuses).toBeUndefined()
  })

  it('records a repeated event again: a new run with the same score and decision', async () => {
    const first = await send(order)
    const second = await send(order)
    const [a, b] = [first.body.score_response, second.body.score_response]
    expect(b?.workflow_statuses?.[0]?.id).not.toBe(a?.workflow_statuses?.[0]?.id)
    expect(b?.scores).toEqual(a?.scores)
    expect(decisionOf(second.body)).toEqual(decisionOf(first.body))
    expect(await ledger('?order_id=ord_1')).toHaveLength(2)
  })

  it('treats the same order sent with another body as a new event that can change the decision', async () => {
    await send(order)
    await send({ ...order, $user_email: 'ann+reject@example.com' })
    const status = await get('/v3/accounts/acct/orders/ord_1/decisions')
    expect(status.body).toEqual({
      decisions: {
        payment_abuse: {
          decision: { id: 'order_looks_bad_payment_abuse' },
          time: Date.UTC(2026, 0, 1),
          webhook_succeeded: false,
        },
      },
    })
  })

  it('accepts v204 and the API key by HTTP Basic instead of $api_key', async () => {
    const { $api_key: _key, ...keyless } = order
    const res = await send(keyless, '', {
      version: 'v204',
      headers: { authorization: `Basic ${btoa('k:')}` },
    })
    expect(res.body.status).toBe(0)
  })

  it('refuses bad input with Sift’s status codes and HTTP 400, recording nothing', async () => {
    const { $user_id: _user, ...anonymous } = order
    const cases: Array<[number, Body | string, string?]> = [
      [56, '{"$type": '],
      [57, '[1, 2]'],
      [51, { ...order, $api_key: '' }],
      [55, anonymous],
      [55, { $type: '$transaction', $api_key: 'k', $user_id: 'u' }],
      [52, { ...order, 'bad-name': 1 }],
      [52, { ...order, $billing_address: { 'city name': 'x' } }],
      [53, { ...order, $amount: 10.5 }],
      [53, { ...order, $user_id: 'has space' }],
      [53, { ...order, $currency_code: 'dollars' }],
      [114, { ...order, $type: '$made_up' }],
      [104, order, 'v203'],
    ]
    for (const [status, body, version] of cases) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body)
      const res = await send({}, '', { raw, ...(version ? { version } : {}) })
      expect(res.status, raw).toBe(400)
      expect(res.body, raw).toMatchObject({
        status,
        error_message: expect.any(String) as unknown,
        request: raw,
      })
    }
    expect(await ledger()).toEqual([])
  })

  it('accepts only the configured key when started with one', async () => {
    const strict = await startFraud({ apiKey: 'secret' })
    try {
      const post = (key: string) =>
        fetch(`${strict.url}/v205/events`, {
          method: 'POST',
          body: JSON.stringify({ ...order, $api_key: key }),
        })
      expect(((await (await post('other')).json()) as Body).status).toBe(51)
      expect(((await (await post('secret')).json()) as Body).status).toBe(0)
    } finally {
      await strict.close()
    }
  })
})

describe('fraud simulator: Score and Decision APIs', () => {
  it('answers a user’s latest scores and decisions, and rescoring gives the same score', async () => {
    const { $order_id: _order, ...userOrder } = order
    await send({ ...userOrder, $user_email: 'ann+review@example.com' })
    const latest = await get('/v205/users/ann/score?abuse_types=payment_abuse')
    expect(latest.body).toMatchObject({
      status: 0,
      entity_type: 'user',
      entity_id: 'ann',
      scores: { payment_abuse: { status: 0, score: 0.65, time: 1_767_225_600 } },
      latest_decisions: { payment_abuse: { id: 'user_looks_risky_payment_abuse', type: 'watch' } },
      latest_labels: {},
    })
    const rescored = await fetch(`${fraud.url}/v205/users/ann/score`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('k:')}` },
    })
    expect(((await rescored.json()) as { scores: Body }).scores).toEqual(latest.body.scores)
    expect((await get('/v205/score/ann')).body).toMatchObject({
      user_id: 'ann',
      scores: { payment_abuse: {} },
    })
    expect((await get('/v3/accounts/a/users/ann/decisions')).body).toMatchObject({
      decisions: { payment_abuse: { decision: { id: 'user_looks_risky_payment_abuse' } } },
    })
  })

  it('answers status 54 for a user with no events and 51 without a key', async () => {
    expect((await get('/v205/users/nobody/score')).body).toMatchObject({ status: 54 })
    const res = await fetch(`${fraud.url}/v205/users/nobody/score`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as Body).status).toBe(51)
    expect((await get('/v3/accounts/a/orders/o/decisions', '')).body).toMatchObject({ status: 51 })
  })

  it('answers a workflow run by id', async () => {
    const res = await send(order)
    const runId = res.body.score_response?.workflow_statuses?.[0]?.id ?? ''
    expect((await get(`/v3/accounts/a/workflows/runs/${runId}`)).body).toMatchObject({
      id: runId,
      state: 'finished',
    })
    expect((await get('/v3/accounts/a/workflows/runs/nope')).status).toBe(404)
  })
})

describe('fraud simulator: ledger, faults, ids', () => {
  it('lists each decision with its order, user, score and amount in minor units', async () => {
    await send({ ...order, $order_id: 'ord_jp', $amount: 1_500_000_000, $currency_code: 'JPY' })
    await send({
      $type: '$transaction',
      $api_key: 'k',
      $user_id: 'ann',
      $order_id: 'ord_jp',
      $transaction_id: 't1',
      $amount: 1_500_000_000,
      $currency_code: 'jpy',
    })
    await send({ $type: '$login', $api_key: 'k', $user_id: 'ann' })
    const entries = await ledger('?order_id=ord_jp')
    expect(entries).toHaveLength(2)
    expect(entries[1]).toEqual({
      runId: expect.stringMatching(/^wfr_/) as unknown,
      eventType: '$transaction',
      orderId: 'ord_jp',
      userId: 'ann',
      abuseType: 'payment_abuse',
      score: expect.any(Number) as unknown,
      decision: { id: 'order_looks_ok_payment_abuse', category: 'accept' },
      amountMinor: 1_500,
      currency: 'jpy',
      transactionId: 't1',
      createdAt: '2026-01-01T00:00:00.000Z',
    })
  })

  it('records the event when an ambiguous-success fault drops the response', async () => {
    await fetch(`${fraud.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/v205/events' },
        schedule: { times: 1 },
        effect: { type: 'ambiguous-success', then: 'drop' },
      }),
    })
    await expect(send(order)).rejects.toThrow()
    expect(await ledger()).toHaveLength(1)
  })

  it('answers injected errors in Sift’s shape', async () => {
    await fetch(`${fraud.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/v205/events' },
        schedule: { times: 2 },
        effect: { type: 'error', status: 503 },
      }),
    })
    await fetch(`${fraud.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/v205/events' },
        effect: { type: 'error', status: 400, code: '60' },
      }),
    })
    const down = await send(order)
    expect(down.status).toBe(503)
    expect(down.body).toMatchObject({ status: -1, error_message: 'Unexpected server-side error' })
    await send(order)
    expect((await send(order)).body).toMatchObject({ status: 60 })
  })

  it('mixes idSalt into run ids only, never into scores or decisions', async () => {
    const run = async (idSalt?: string) => {
      const sim = createFraud({ seed: 3, ...(idSalt ? { idSalt } : {}) })
      const res = await sim.handle(
        new Request('http://fraud/v205/events?return_workflow_status=true', {
          method: 'POST',
          body: JSON.stringify(order),
        }),
        { remoteAddress: '127.0.0.1', bodyTooLarge: false },
      )
      return ((await res.json()) as { score_response: ScoreResponse }).score_response
    }
    const [plain, again, salted] = [await run(), await run(), await run('start-2')]
    expect(again.workflow_statuses?.[0]?.id).toBe(plain.workflow_statuses?.[0]?.id)
    expect(salted.workflow_statuses?.[0]?.id).not.toBe(plain.workflow_statuses?.[0]?.id)
    expect(salted.scores).toEqual(plain.scores)
    expect(salted.workflow_statuses?.[0]?.history).toEqual(plain.workflow_statuses?.[0]?.history)
  })

  it('answers an unknown route with 404 in Sift’s shape', async () => {
    const res = await fetch(`${fraud.url}/v1/assessments`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(404)
    expect(((await res.json()) as Body).status).toBe(50)
  })
})
