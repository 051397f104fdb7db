import type { BrokerError } from './broker-errors.js'

/**
 * The broker seam: at-least-once messaging that a relay and a consumer are written against once
 * and run over either adapter — NATS JetStream (nats-broker.ts) or the embedded broker
 * (embedded-broker-client.ts over embedded-broker-server.ts). A handle is bound to one stream and
 * one durable pull consumer; a relay that only publishes simply never fetches.
 *
 * Guarantees, on both adapters:
 * - `publish` resolves once the broker has persisted the message; the broker drops a second
 *   publish of the same `id` within its duplicate window (and says so: `{ duplicate: true }`).
 * - Every persisted message is delivered until it is acked: a delivery not acked within the
 *   consumer's ack wait, or nak'ed, is delivered again with `deliveryCount` + 1. So a consumer
 *   must dedupe on `id` (a crash between its side effect and its ack repeats the delivery).
 * - First deliveries follow publish order for a single publisher.
 * - Failures are `BrokerError`s with a stable `code` (broker-errors.ts), raised within a bounded time.
 */

/** A message to publish. */
export interface BrokerMessage {
  /** Dedupe key: a second publish with this id within the duplicate window is dropped. 1–256 characters. */
  readonly id: string
  /** Dot-separated subject (`orders.paid`); must be one of the stream's subjects. */
  readonly subject: string
  /** The payload; a string is sent as UTF-8. */
  readonly data: Uint8Array | string
}

/** What the broker said about a publish. */
export interface PublishAck {
  /** True when the broker already had this id within its duplicate window and dropped this copy. */
  readonly duplicate: boolean
}

/** One delivery of a message to the durable consumer. */
export interface Delivery {
  /** The publisher's message id: what a consumer dedupes on. */
  readonly id: string
  readonly subject: string
  readonly data: Uint8Array
  /** 1 on the first delivery, then 2, 3… */
  readonly deliveryCount: number
  /** `deliveryCount > 1`. */
  readonly redelivered: boolean
  /** The payload decoded as UTF-8. */
  text(): string
  /**
   * Acknowledges the message: it is never delivered again. Resolves once the broker confirmed it.
   * Acking twice, or after the message was acked through a later delivery, is harmless.
   */
  ack(): Promise<void>
  /** Asks for redelivery after `delayMs` (default 0: at once) instead of waiting out the ack wait. */
  nak(delayMs?: number): Promise<void>
}

/** What a batch of publishes got done. */
export interface BatchPublishResult {
  /** Ids the broker persisted (or already had: duplicates count as done), in order. */
  readonly published: string[]
  /** Why it stopped early, if it did; the rest are for the next pass. */
  readonly error?: BrokerError
}

/** How long a fetch may wait for messages. */
export interface FetchOptions {
  /**
   * Longest wait for messages, ms. The embedded broker answers as soon as it has any; JetStream
   * waits until the batch is full or this expires, and needs at least 1000 (less is raised to 1000).
   * @default 1000
   */
  readonly expiresMs?: number
}

/** An at-least-once broker handle: one stream, one durable pull consumer. */
export interface Broker {
  /** Persists a message; rejects with a BrokerError (e.g. BROKER_UNAVAILABLE, BROKER_TIMEOUT) within a bounded time. */
  publish(message: BrokerMessage): Promise<PublishAck>
  /**
   * Publishes `messages` in order and stops at the first failure, in as few round trips as the
   * adapter can (the embedded broker: one request per batch); never rejects. An adapter without
   * it is driven one `publish` at a time by `publishInOrder` (publish-in-order.ts), which is
   * what callers use.
   */
  publishBatch?(messages: readonly BrokerMessage[]): Promise<BatchPublishResult>
  /**
   * Up to `max` deliveries for the durable consumer, waiting up to `expiresMs` for some; `[]` when
   * none came. `max` must be a whole number from 1 (BROKER_INVALID_REQUEST); above 256 it is lowered
   * to 256, and `expiresMs` above 60 000 to 60 000.
   */
  fetch(max: number, options?: FetchOptions): Promise<Delivery[]>
  /** The consumer's backlog: messages not yet delivered plus those delivered and not yet acked. */
  pending(): Promise<number>
  /** Releases the connection; idempotent. Calls after it reject with BROKER_CLOSED. */
  close(): Promise<void>
}

/** Makes a broker handle; the contract suite (broker-contract.ts) takes one per adapter. */
export type BrokerFactory = () => Promise<Broker>

/** A payload as bytes (a string as UTF-8). */
export function payloadBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data
}
