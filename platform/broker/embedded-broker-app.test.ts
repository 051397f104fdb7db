import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { buildEmbeddedBrokerApp, EMBEDDED_BROKER_LIMITS } from './embedded-broker-app.js'
import { EMBEDDED_STREAM_DEFAULTS } from './embedded-stream.js'

const b64 = (text: string) => Buffer.from(text).toString('base64')

describe('the embedded broker API', () => {
  let built: ReturnType<typeof buildEmbeddedBrokerApp> | undefined
  afterEach(async () => {
    await built?.app.close()
    built = undefined
  })

  const setUp = () => {
    built = buildEmbeddedBrokerApp({
      stream: { ...EMBEDDED_STREAM_DEFAULTS, subjects: ['orders.>'], maxPayloadBytes: 64 },
      limits: EMBEDDED_BROKER_LIMITS,
      clock: manualClock(),
    })
    return built.app
  }

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status)
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^urn:gameday:problem:broker-/),
    })
  }

  it('publishes a batch in order, stopping at the first refusal, and acks a batch', async () => {
    const app = setUp()
    await app.inject({ method: 'PUT', url: '/v1/consumers/c', payload: { ackWaitMs: 1_000 } })
    const batch = await app.inject({
      method: 'POST',
      url: '/v1/messages/batch',
      payload: {
        messages: [
          { id: 'a', subject: 'orders.paid', data: b64('a') },
          { id: 'a', subject: 'orders.paid', data: b64('a') },
          { id: 'b', subject: 'orders.paid', data: b64('b') },
          { id: 'c', subject: 'orders.paid', data: 'not base64!' },
          { id: 'd', subject: 'orders.paid', data: b64('d') },
        ],
      },
    })
    expect(batch.json()).toEqual({
      results: [
        { seq: 1, duplicate: false },
        { seq: 0, duplicate: true },
        { seq: 2, duplicate: false },
      ],
      error: { code: 'BROKER_INVALID_MESSAGE', detail: 'data of c must be base64' },
    })
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/messages/batch',
      payload: { messages: [{ id: 'e', subject: 'other.paid', data: b64('e') }] },
    })
    expect(refused.json()).toMatchObject({ results: [], error: { code: 'BROKER_SUBJECT_NOT_IN_STREAM' } })
    const fetched = await app.inject({
      method: 'POST',
      url: '/v1/consumers/c/fetch',
      payload: { max: 10, expiresMs: 0 },
    })
    expect(fetched.json().deliveries.map((d: { id: string }) => d.id)).toEqual(['a', 'b'])
    const acks = await app.inject({
      method: 'POST',
      url: '/v1/consumers/c/acks',
      payload: { seqs: [1, 2, 1] },
    })
    expect(acks.json()).toEqual({ outcomes: ['acked', 'acked', 'not_pending'] })
    expect((await app.inject({ method: 'GET', url: '/v1/consumers/c/pending' })).json()).toEqual({
      pending: 0,
    })
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/consumers/c/acks', payload: { seqs: [] } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
  })

  it('publishes, fetches, acks and counts over HTTP', async () => {
    const app = setUp()
    expect(
      (await app.inject({ method: 'PUT', url: '/v1/consumers/c', payload: { ackWaitMs: 1000 } })).statusCode,
    ).toBe(200)
    const published = await app.inject({
      method: 'POST',
      url: '/v1/messages',
      payload: { id: 'e1', subject: 'orders.paid', data: b64('hi') },
    })
    expect(published.json()).toEqual({ seq: 1, duplicate: false })
    const fetched = await app.inject({
      method: 'POST',
      url: '/v1/consumers/c/fetch',
      payload: { max: 5, expiresMs: 0 },
    })
    expect(fetched.json()).toEqual({
      deliveries: [{ seq: 1, id: 'e1', subject: 'orders.paid', data: b64('hi'), deliveryCount: 1 }],
    })
    expect((await app.inject({ method: 'GET', url: '/v1/consumers/c/pending' })).json()).toEqual({
      pending: 1,
    })
    expect(
      (await app.inject({ method: 'POST', url: '/v1/consumers/c/ack', payload: { seq: 1 } })).json(),
    ).toEqual({ outcome: 'acked' })
    expect((await app.inject({ method: 'GET', url: '/v1/consumers/c/pending' })).json()).toEqual({
      pending: 0,
    })
  })

  it('answers bad input with problem+json and stable codes', async () => {
    const app = setUp()
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/messages', payload: { id: 'e1' } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: { 'content-type': 'application/json' },
        payload: '{nope',
      }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: { id: 'e1', subject: 'orders.paid', data: '***' },
      }),
      400,
      'BROKER_INVALID_MESSAGE',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: { id: '', subject: 'orders.paid', data: '' },
      }),
      400,
      'BROKER_INVALID_MESSAGE',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: { id: 'e1', subject: 'other.x', data: '' },
      }),
      400,
      'BROKER_SUBJECT_NOT_IN_STREAM',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: { id: 'e1', subject: 'orders.paid', data: b64('x'.repeat(65)) },
      }),
      413,
      'BROKER_PAYLOAD_TOO_LARGE',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/messages',
        payload: { id: 'e1', subject: 'orders.paid', data: 'x'.repeat(10_000) },
      }),
      413,
      'BROKER_PAYLOAD_TOO_LARGE',
    )
    expectProblem(
      await app.inject({ method: 'PUT', url: '/v1/consumers/c', payload: { ackWaitMs: 0 } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({ method: 'PUT', url: '/v1/consumers/bad%20name', payload: { ackWaitMs: 10 } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    await app.inject({ method: 'PUT', url: '/v1/consumers/c', payload: { ackWaitMs: 1000 } })
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/consumers/c/fetch', payload: { max: 0, expiresMs: 0 } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/consumers/c/fetch',
        payload: { max: 1, expiresMs: 999_999 },
      }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/consumers/c/nak', payload: { seq: -1 } }),
      400,
      'BROKER_INVALID_REQUEST',
    )
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/consumers/nobody/pending' }),
      404,
      'BROKER_CONSUMER_NOT_FOUND',
    )
    expectProblem(await app.inject({ method: 'GET', url: '/v1/nothing' }), 404, 'BROKER_NOT_FOUND')
  })
})
