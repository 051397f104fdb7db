import type { Clock } from '../../lib/clock.js'
import type { BrokerErrorCode } from './broker-errors.js'
import { invalidMessageReason, subjectMatches } from './message-rules.js'

/** Limits and windows of the embedded broker's one stream; every field is filled by `resolveEmbeddedStreamOptions`. */
export interface EmbeddedStreamOptions {
  /** Subjects the stream captures, NATS-style (`orders.*`, `orders.>`). @default ['>'] (everything) */
  readonly subjects: readonly string[]
  /** How long a message id is remembered for dedupe, ms (JetStream's `duplicate_window`). @default 120_000 */
  readonly duplicateWindowMs: number
  /** Most messages held (not yet acked by every consumer); more are refused with BROKER_STREAM_FULL. @default 100_000 */
  readonly maxMessages: number
  /** Largest payload, bytes. @default 1_048_576 */
  readonly maxPayloadBytes: number
  /** Most ids remembered for dedupe; past it the oldest are forgotten early. @default 200_000 */
  readonly maxDedupeIds: number
  /** Most durable consumers. @default 64 */
  readonly maxConsumers: number
  /** Most deliveries a consumer may hold unacked; fetch hands out no new ones past it (JetStream's `max_ack_pending`). @default 1000 */
  readonly maxAckPending: number
}

/** The defaults of `EmbeddedStreamOptions`. */
export const EMBEDDED_STREAM_DEFAULTS: EmbeddedStreamOptions = Object.freeze({
  subjects: Object.freeze(['>']),
  duplicateWindowMs: 120_000,
  maxMessages: 100_000,
  maxPayloadBytes: 1_048_576,
  maxDedupeIds: 200_000,
  maxConsumers: 64,
  maxAckPending: 1000,
})

/** One message as the stream holds it. */
export interface StoredMessage {
  readonly seq: number
  readonly id: string
  readonly subject: string
  readonly data: Uint8Array
}

/** One delivery handed out by `take`. */
export interface StreamDelivery extends StoredMessage {
  readonly deliveryCount: number
}

/** A refusal with a stable code (an expected outcome, returned rather than thrown). */
export interface StreamRefusal {
  readonly ok: false
  readonly code: BrokerErrorCode
  readonly detail: string
}

interface Outstanding {
  deliveryCount: number
  /** Monotonic ms at which it is due for redelivery. */
  dueAt: number
}

interface ConsumerState {
  ackWaitMs: number
  /** Next sequence to deliver for the first time. */
  cursor: number
  outstanding: Map<number, Outstanding>
}

/** The embedded broker's state: one stream and its durable pull consumers. */
export type EmbeddedStream = ReturnType<typeof createEmbeddedStream>

/**
 * The embedded broker's semantics without any I/O — JetStream's, cut down to what the broker seam
 * needs: a limits stream with id dedupe in a window, durable pull consumers with explicit acks,
 * an ack wait and nak. Messages leave the stream once every consumer has acked them (work-queue
 * style, so memory stays bounded); messages published before any consumer exists are kept for it.
 * All time comes from `clock.monotonic()`, so the windows are tested with a manual clock.
 *
 * @example
 * const stream = createEmbeddedStream(EMBEDDED_STREAM_DEFAULTS, systemClock)
 * stream.publish({ id: 'evt_1', subject: 'orders.paid', data }) // { ok: true, seq: 1, duplicate: false }
 * stream.ensureConsumer('relay', 30_000)
 * const [delivery] = stream.take('relay', 10)
 */
export function createEmbeddedStream(options: EmbeddedStreamOptions, clock: Clock) {
  const messages = new Map<number, StoredMessage>()
  const consumers = new Map<string, ConsumerState>()
  /** id → monotonic expiry; insertion order is expiry order (the window is fixed). */
  const recentIds = new Map<string, number>()
  const listeners = new Set<() => void>()
  let nextSeq = 1

  const notify = () => {
    for (const listener of [...listeners]) listener()
  }

  const forgetExpiredIds = (now: number) => {
    for (const [id, expiresAt] of recentIds) {
      if (expiresAt > now && recentIds.size <= options.maxDedupeIds) break
      recentIds.delete(id)
    }
  }

  /** Drops the messages every consumer has acked: those below each one's cursor and not outstanding. */
  const dropAcked = () => {
    if (consumers.size === 0) return
    let floor = Infinity
    for (const consumer of consumers.values()) {
      floor = Math.min(floor, consumer.cursor)
      for (const seq of consumer.outstanding.keys()) floor = Math.min(floor, seq)
    }
    for (const seq of messages.keys()) {
      if (seq >= floor) break
      messages.delete(seq)
    }
  }

  /** Stores one message; the caller notifies (once per batch, so a waiting fetch sees the whole batch). */
  const append = (message: {
    id: string
    subject: string
    data: Uint8Array
  }): { ok: true; seq: number; duplicate: boolean } | StreamRefusal => {
    const invalid = invalidMessageReason(message)
    if (invalid !== undefined) return { ok: false, code: 'BROKER_INVALID_MESSAGE', detail: invalid }
    if (!options.subjects.some((pattern) => subjectMatches(pattern, message.subject))) {
      return {
        ok: false,
        code: 'BROKER_SUBJECT_NOT_IN_STREAM',
        detail: `subject ${message.subject} is not in the stream`,
      }
    }
    if (message.data.byteLength > options.maxPayloadBytes) {
      return {
        ok: false,
        code: 'BROKER_PAYLOAD_TOO_LARGE',
        detail: `payload over ${options.maxPayloadBytes} bytes`,
      }
    }
    const now = clock.monotonic()
    forgetExpiredIds(now)
    if (recentIds.has(message.id)) return { ok: true, seq: 0, duplicate: true }
    if (messages.size >= options.maxMessages) {
      return {
        ok: false,
        code: 'BROKER_STREAM_FULL',
        detail: `the stream holds its maximum of ${options.maxMessages}`,
      }
    }
    const seq = nextSeq++
    messages.set(seq, { seq, id: message.id, subject: message.subject, data: message.data })
    recentIds.set(message.id, now + options.duplicateWindowMs)
    return { ok: true, seq, duplicate: false }
  }

  return {
    publish(message: {
      id: string
      subject: string
      data: Uint8Array
    }): { ok: true; seq: number; duplicate: boolean } | StreamRefusal {
      const result = append(message)
      if (result.ok && !result.duplicate) notify()
      return result
    },

    /**
     * Publishes `batch` in order and stops at the first refusal: the results of the messages
     * stored (or dropped as duplicates) before it, and the refusal. Waiting fetches are told once,
     * after the batch, so the first of them takes the whole batch rather than its first message.
     */
    publishMany(batch: ReadonlyArray<{ id: string; subject: string; data: Uint8Array }>): {
      results: Array<{ seq: number; duplicate: boolean }>
      refusal?: StreamRefusal
    } {
      const results: Array<{ seq: number; duplicate: boolean }> = []
      let refusal: StreamRefusal | undefined
      for (const message of batch) {
        const result = append(message)
        if (!result.ok) {
          refusal = result
          break
        }
        results.push({ seq: result.seq, duplicate: result.duplicate })
      }
      if (results.some((r) => !r.duplicate)) notify()
      return refusal ? { results, refusal } : { results }
    },

    /** Creates the durable consumer (delivering from the oldest message held) or updates its ack wait. */
    ensureConsumer(name: string, ackWaitMs: number): { ok: true } | StreamRefusal {
      const existing = consumers.get(name)
      if (existing) {
        existing.ackWaitMs = ackWaitMs
        return { ok: true }
      }
      if (consumers.size >= options.maxConsumers) {
        return {
          ok: false,
          code: 'BROKER_CONSUMER_LIMIT',
          detail: `at most ${options.maxConsumers} consumers`,
        }
      }
      const oldest = messages.keys().next()
      consumers.set(name, { ackWaitMs, cursor: oldest.done ? nextSeq : oldest.value, outstanding: new Map() })
      return { ok: true }
    },

    hasConsumer: (name: string): boolean => consumers.has(name),

    /**
     * Up to `max` deliveries at once, without waiting: first the outstanding ones whose ack wait
     * (or nak delay) is over, oldest first, then new ones in publish order up to `maxAckPending`.
     */
    take(name: string, max: number): StreamDelivery[] {
      const consumer = consumers.get(name)
      if (!consumer) return []
      const now = clock.monotonic()
      const out: StreamDelivery[] = []
      const due = [...consumer.outstanding].filter(([, o]) => o.dueAt <= now).sort(([a], [b]) => a - b)
      for (const [seq, outstanding] of due) {
        if (out.length >= max) break
        const message = messages.get(seq)
        if (!message) continue
        outstanding.deliveryCount += 1
        outstanding.dueAt = now + consumer.ackWaitMs
        out.push({ ...message, deliveryCount: outstanding.deliveryCount })
      }
      while (
        out.length < max &&
        consumer.outstanding.size < options.maxAckPending &&
        consumer.cursor < nextSeq
      ) {
        const message = messages.get(consumer.cursor)
        consumer.cursor += 1
        if (!message) continue
        consumer.outstanding.set(message.seq, { deliveryCount: 1, dueAt: now + consumer.ackWaitMs })
        out.push({ ...message, deliveryCount: 1 })
      }
      return out
    },

    /** Monotonic ms at which the consumer's next redelivery falls due, if any is outstanding. */
    nextDueAt(name: string): number | undefined {
      let next: number | undefined
      for (const o of consumers.get(name)?.outstanding.values() ?? []) {
        if (next === undefined || o.dueAt < next) next = o.dueAt
      }
      return next
    },

    /** Acks `seq`; 'not_pending' when it was already acked or never delivered (harmless: at least once). */
    ack(name: string, seq: number): 'acked' | 'not_pending' {
      const consumer = consumers.get(name)
      if (!consumer?.outstanding.delete(seq)) return 'not_pending'
      dropAcked()
      return 'acked'
    },

    /**
     * Acks each of `seqs` (one outcome each, in order) and drops what every consumer has acked
     * once, at the end: a consumer's batch of acks costs one sweep, not one per message.
     */
    ackMany(name: string, seqs: readonly number[]): Array<'acked' | 'not_pending'> {
      const consumer = consumers.get(name)
      const outcomes = seqs.map((seq) => (consumer?.outstanding.delete(seq) ? 'acked' : 'not_pending'))
      if (outcomes.includes('acked')) dropAcked()
      return outcomes
    },

    /** Makes `seq` due for redelivery after `delayMs`. */
    nak(name: string, seq: number, delayMs: number): 'nakked' | 'not_pending' {
      const outstanding = consumers.get(name)?.outstanding.get(seq)
      if (!outstanding) return 'not_pending'
      outstanding.dueAt = clock.monotonic() + delayMs
      notify()
      return 'nakked'
    },

    /** Not yet delivered plus delivered and not yet acked (JetStream's num_pending + num_ack_pending). */
    pending(name: string): number {
      const consumer = consumers.get(name)
      if (!consumer) return 0
      return nextSeq - consumer.cursor + consumer.outstanding.size
    },

    /** Messages held (not yet acked by every consumer). */
    size: (): number => messages.size,

    /** Calls `listener` after each new message or nak; returns a function that stops it. */
    onChange(listener: () => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
