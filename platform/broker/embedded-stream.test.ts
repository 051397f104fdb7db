import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import {
  createEmbeddedStream,
  EMBEDDED_STREAM_DEFAULTS,
  type EmbeddedStreamOptions,
} from './embedded-stream.js'
import { waitForDeliveries } from './embedded-long-poll.js'

const bytes = (text: string) => new TextEncoder().encode(text)

function setUp(options: Partial<EmbeddedStreamOptions> = {}) {
  const clock = manualClock()
  const stream = createEmbeddedStream({ ...EMBEDDED_STREAM_DEFAULTS, ...options }, clock)
  const publish = (id: string, subject = 'orders.paid') => stream.publish({ id, subject, data: bytes(id) })
  return { clock, stream, publish }
}

describe('the embedded stream', () => {
  it('tells a waiting fetch of a batch once, after the whole batch, so it takes all of it', async () => {
    const { clock, stream } = setUp()
    stream.ensureConsumer('c', 1_000)
    const waiting = waitForDeliveries(stream, 'c', 10, 5_000, clock, new AbortController().signal)
    const { results, refusal } = stream.publishMany(
      ['a', 'b', 'c'].map((id) => ({ id, subject: 'orders.paid', data: bytes(id) })),
    )
    expect(results.map((r) => r.seq)).toEqual([1, 2, 3])
    expect(refusal).toBeUndefined()
    expect((await waiting).map((d) => d.id)).toEqual(['a', 'b', 'c'])
    expect(stream.ackMany('c', [1, 2, 3, 3])).toEqual(['acked', 'acked', 'acked', 'not_pending'])
    expect(stream.size()).toBe(0)
  })

  it('forgets an id once its duplicate window has passed', () => {
    const { clock, publish } = setUp({ duplicateWindowMs: 1_000 })
    expect(publish('evt_1')).toMatchObject({ ok: true, duplicate: false, seq: 1 })
    clock.advance(999)
    expect(publish('evt_1')).toMatchObject({ ok: true, duplicate: true })
    clock.advance(1)
    expect(publish('evt_1')).toMatchObject({ ok: true, duplicate: false, seq: 2 })
  })

  it('forgets the oldest ids early past maxDedupeIds, and keeps memory bounded', () => {
    const { publish } = setUp({ maxDedupeIds: 2 })
    publish('a')
    publish('b')
    publish('c')
    expect(publish('a')).toMatchObject({ duplicate: false })
    expect(publish('c')).toMatchObject({ duplicate: true })
  })

  it('redelivers exactly when the ack wait is over, with the count raised', () => {
    const { clock, stream, publish } = setUp()
    stream.ensureConsumer('c', 1_000)
    publish('evt_1')
    expect(stream.take('c', 10).map((d) => d.deliveryCount)).toEqual([1])
    clock.advance(999)
    expect(stream.take('c', 10)).toEqual([])
    clock.advance(1)
    expect(stream.take('c', 10).map((d) => [d.id, d.deliveryCount])).toEqual([['evt_1', 2]])
  })

  it('hands redeliveries out before new messages, oldest first', () => {
    const { clock, stream, publish } = setUp()
    stream.ensureConsumer('c', 1_000)
    publish('a')
    publish('b')
    stream.take('c', 2)
    publish('c')
    clock.advance(1_000)
    expect(stream.take('c', 3).map((d) => d.id)).toEqual(['a', 'b', 'c'])
  })

  it('holds back new deliveries past maxAckPending', () => {
    const { stream, publish } = setUp({ maxAckPending: 2 })
    stream.ensureConsumer('c', 1_000)
    for (const id of ['a', 'b', 'c']) publish(id)
    expect(stream.take('c', 10).map((d) => d.id)).toEqual(['a', 'b'])
    expect(stream.take('c', 10)).toEqual([])
    stream.ack('c', 1)
    expect(stream.take('c', 10).map((d) => d.id)).toEqual(['c'])
  })

  it('keeps messages for a consumer that does not exist yet, and drops them once every consumer acked', () => {
    const { stream, publish } = setUp()
    publish('a')
    publish('b')
    stream.ensureConsumer('one', 1_000)
    stream.ensureConsumer('two', 1_000)
    expect(stream.pending('one')).toBe(2)
    for (const d of stream.take('one', 10)) stream.ack('one', d.seq)
    expect(stream.size()).toBe(2)
    for (const d of stream.take('two', 10)) stream.ack('two', d.seq)
    expect(stream.size()).toBe(0)
    expect(stream.pending('one') + stream.pending('two')).toBe(0)
  })

  it('refuses new messages with BROKER_STREAM_FULL at maxMessages, and accepts again after acks', () => {
    const { stream, publish } = setUp({ maxMessages: 2 })
    stream.ensureConsumer('c', 1_000)
    publish('a')
    publish('b')
    expect(publish('c')).toMatchObject({ ok: false, code: 'BROKER_STREAM_FULL' })
    const [first] = stream.take('c', 1)
    stream.ack('c', first?.seq ?? 0)
    expect(publish('c')).toMatchObject({ ok: true })
  })

  it('refuses bad messages with stable codes', () => {
    const { stream, publish } = setUp({ subjects: ['orders.>'], maxPayloadBytes: 4 })
    expect(publish('')).toMatchObject({ ok: false, code: 'BROKER_INVALID_MESSAGE' })
    expect(publish('x'.repeat(257))).toMatchObject({ ok: false, code: 'BROKER_INVALID_MESSAGE' })
    expect(publish('a', 'orders..paid')).toMatchObject({ ok: false, code: 'BROKER_INVALID_MESSAGE' })
    expect(publish('a', 'payments.done')).toMatchObject({ ok: false, code: 'BROKER_SUBJECT_NOT_IN_STREAM' })
    expect(stream.publish({ id: 'b', subject: 'orders.paid', data: bytes('12345') })).toMatchObject({
      code: 'BROKER_PAYLOAD_TOO_LARGE',
    })
  })

  it('refuses a consumer past maxConsumers', () => {
    const { stream } = setUp({ maxConsumers: 1 })
    expect(stream.ensureConsumer('a', 1)).toEqual({ ok: true })
    expect(stream.ensureConsumer('a', 2)).toEqual({ ok: true })
    expect(stream.ensureConsumer('b', 1)).toMatchObject({ ok: false, code: 'BROKER_CONSUMER_LIMIT' })
  })

  it('answers ack and nak of what is not outstanding with not_pending', () => {
    const { stream, publish } = setUp()
    stream.ensureConsumer('c', 1_000)
    publish('a')
    const [d] = stream.take('c', 1)
    expect(stream.ack('c', d?.seq ?? 0)).toBe('acked')
    expect(stream.ack('c', d?.seq ?? 0)).toBe('not_pending')
    expect(stream.nak('c', d?.seq ?? 0, 0)).toBe('not_pending')
  })
})

describe('a long poll', () => {
  it('answers as soon as a message is published', async () => {
    const { clock, stream, publish } = setUp()
    stream.ensureConsumer('c', 10_000)
    const poll = waitForDeliveries(stream, 'c', 5, 5_000, clock, new AbortController().signal)
    clock.advance(100)
    publish('a')
    expect((await poll).map((d) => d.id)).toEqual(['a'])
  })

  it('answers with a redelivery when its ack wait ends, without any publish', async () => {
    const { clock, stream, publish } = setUp()
    stream.ensureConsumer('c', 1_000)
    publish('a')
    stream.take('c', 1)
    const poll = waitForDeliveries(stream, 'c', 5, 5_000, clock, new AbortController().signal)
    clock.advance(1_000)
    expect((await poll).map((d) => [d.id, d.deliveryCount])).toEqual([['a', 2]])
  })

  it('answers [] when it expires, and at once when aborted', async () => {
    const { clock, stream } = setUp()
    stream.ensureConsumer('c', 1_000)
    const expired = waitForDeliveries(stream, 'c', 5, 2_000, clock, new AbortController().signal)
    clock.advance(2_000)
    expect(await expired).toEqual([])
    const abort = new AbortController()
    const aborted = waitForDeliveries(stream, 'c', 5, 60_000, clock, abort.signal)
    abort.abort()
    expect(await aborted).toEqual([])
  })
})
