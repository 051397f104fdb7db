import { systemClock, type Clock } from '../../lib/clock.js'
import { brokerError } from './broker-errors.js'
import {
  buildEmbeddedBrokerApp,
  EMBEDDED_BROKER_LIMITS,
  type EmbeddedBrokerLimits,
} from './embedded-broker-app.js'
import {
  EMBEDDED_STREAM_DEFAULTS,
  type EmbeddedStream,
  type EmbeddedStreamOptions,
} from './embedded-stream.js'

/** Where the embedded broker listens and its limits; everything is optional. */
export interface EmbeddedBrokerServerOptions
  extends Partial<EmbeddedStreamOptions>, Partial<EmbeddedBrokerLimits> {
  /** @default '127.0.0.1' */
  readonly host?: string
  /** 0 picks a free port. @default 0 */
  readonly port?: number
  /** Drives ack waits, nak delays, dedupe windows and long polls. @default systemClock */
  readonly clock?: Clock
}

/** A running embedded broker. */
export interface EmbeddedBrokerServer {
  /** `http://host:port`: what `createEmbeddedBroker({ url })` (or a proxy in front) points at. */
  readonly url: string
  readonly port: number
  /** The in-memory state, for tests and diagnostics. */
  readonly stream: EmbeddedStream
  /** Stops listening, answers open long polls with `[]` and drops every connection; idempotent. */
  close(): Promise<void>
}

/**
 * Starts the embedded broker: an in-memory, JetStream-like broker (embedded-stream.ts) behind a
 * small HTTP API (embedded-broker-app.ts), so game days need nothing installed and a fault proxy
 * in front of it can slow or cut the broker link like any other. Its memory is the process's:
 * a restart loses every message (publishers' outboxes still hold them and republish).
 *
 * @example
 * const server = await startEmbeddedBrokerServer({ port: 0, duplicateWindowMs: 60_000 })
 * const broker = createEmbeddedBroker({ url: server.url, consumer: 'order-events' })
 * // … then: await broker.close(); await server.close()
 */
export async function startEmbeddedBrokerServer(
  options: EmbeddedBrokerServerOptions = {},
): Promise<EmbeddedBrokerServer> {
  const stream = resolveStreamOptions(options)
  const limits: EmbeddedBrokerLimits = Object.freeze({
    maxFetchBatch: options.maxFetchBatch ?? EMBEDDED_BROKER_LIMITS.maxFetchBatch,
    maxExpiresMs: options.maxExpiresMs ?? EMBEDDED_BROKER_LIMITS.maxExpiresMs,
    maxAckWaitMs: options.maxAckWaitMs ?? EMBEDDED_BROKER_LIMITS.maxAckWaitMs,
  })
  for (const [name, value] of Object.entries(limits)) requirePositiveInteger(name, value)
  const built = buildEmbeddedBrokerApp({ stream, limits, clock: options.clock ?? systemClock })
  const host = options.host ?? '127.0.0.1'
  await built.app.listen({ host, port: options.port ?? 0 })
  const address = built.app.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0)
  let closing: Promise<void> | undefined
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stream: built.stream,
    close: () => (closing ??= built.app.close()),
  }
}

function resolveStreamOptions(options: Partial<EmbeddedStreamOptions>): EmbeddedStreamOptions {
  const resolved: EmbeddedStreamOptions = {
    subjects: Object.freeze([...(options.subjects ?? EMBEDDED_STREAM_DEFAULTS.subjects)]),
    duplicateWindowMs: options.duplicateWindowMs ?? EMBEDDED_STREAM_DEFAULTS.duplicateWindowMs,
    maxMessages: options.maxMessages ?? EMBEDDED_STREAM_DEFAULTS.maxMessages,
    maxPayloadBytes: options.maxPayloadBytes ?? EMBEDDED_STREAM_DEFAULTS.maxPayloadBytes,
    maxDedupeIds: options.maxDedupeIds ?? EMBEDDED_STREAM_DEFAULTS.maxDedupeIds,
    maxConsumers: options.maxConsumers ?? EMBEDDED_STREAM_DEFAULTS.maxConsumers,
    maxAckPending: options.maxAckPending ?? EMBEDDED_STREAM_DEFAULTS.maxAckPending,
  }
  if (resolved.subjects.length === 0) {
    throw brokerError('BROKER_CONFIG_INVALID', 'Failed to start the embedded broker: subjects is empty')
  }
  for (const [name, value] of Object.entries(resolved))
    if (name !== 'subjects') requirePositiveInteger(name, value)
  return Object.freeze(resolved)
}

function requirePositiveInteger(name: string, value: unknown): void {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw brokerError(
      'BROKER_CONFIG_INVALID',
      `Failed to start the embedded broker: ${name} must be a positive integer, got ${String(value)}`,
    )
  }
}
