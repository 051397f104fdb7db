import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  StorageType,
  type Consumer,
  type JetStreamManager,
  jetstreamManager,
} from '@nats-io/jetstream'
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node'
import { brokerError } from './broker-errors.js'
import { natsFailure } from './nats-errors.js'

/** What `ensureStreamAndConsumer` needs to know of a NATS broker's options. */
export interface NatsStreamSetup {
  readonly stream: string
  readonly subjects: readonly string[]
  readonly storage?: 'file' | 'memory'
  readonly durable: string
  readonly ackWaitMs: number
  readonly duplicateWindowMs: number
  readonly timeoutMs: number
}

/**
 * Makes sure the stream and the durable pull consumer exist as configured: creates what is
 * missing, updates a stream's subjects and duplicate window and a consumer's ack wait when they
 * differ (storage cannot change), and returns the consumer to pull from.
 */
export async function ensureStreamAndConsumer(
  nc: NatsConnection,
  jsm: JetStreamManager,
  options: NatsStreamSetup,
): Promise<Consumer> {
  const subjects = [...options.subjects]
  const duplicateWindow = nanos(options.duplicateWindowMs)
  const stream = await jsm.streams.info(options.stream).catch((error: unknown) => {
    if (isNotFound(error)) return undefined
    throw error
  })
  if (!stream) {
    await jsm.streams.add({
      name: options.stream,
      subjects,
      storage: options.storage === 'memory' ? StorageType.Memory : StorageType.File,
      duplicate_window: duplicateWindow,
    })
  } else if (
    stream.config.duplicate_window !== duplicateWindow ||
    !sameSet(stream.config.subjects ?? [], subjects)
  ) {
    await jsm.streams.update(options.stream, { subjects, duplicate_window: duplicateWindow })
  }
  const ackWait = nanos(options.ackWaitMs)
  const existing = await jsm.consumers.info(options.stream, options.durable).catch((error: unknown) => {
    if (isNotFound(error)) return undefined
    throw error
  })
  if (!existing) {
    await jsm.consumers.add(options.stream, {
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWait,
    })
  } else if (existing.config.ack_wait !== ackWait) {
    await jsm.consumers.update(options.stream, options.durable, { ack_wait: ackWait })
  }
  return jetstream(nc, { timeout: options.timeoutMs }).consumers.get(options.stream, options.durable)
}

function isNotFound(error: unknown): boolean {
  const name = error instanceof Error ? error.name : ''
  return name === 'StreamNotFoundError' || name === 'ConsumerNotFoundError'
}

/** nats.js's JetStreamNotEnabled (no responders on the API), or API code 10039 (disabled for the account). */
export function isJetStreamDisabled(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'JetStreamNotEnabled' || /jetstream.*not enabled/i.test(error.message))
  )
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s))
}

/**
 * Deletes a stream (and its consumers): what a run that made a per-run stream does on its way
 * out. Resolves false when there was no such stream.
 * @example await deleteNatsStream('nats://127.0.0.1:4222', 'GAMEDAY_run42')
 */
export async function deleteNatsStream(
  servers: string | readonly string[],
  stream: string,
): Promise<boolean> {
  let nc: NatsConnection
  try {
    nc = await connect({
      servers: typeof servers === 'string' ? servers : [...servers],
      timeout: 2_000,
      reconnect: false,
    })
  } catch (error) {
    throw brokerError('BROKER_UNAVAILABLE', `Failed to delete stream ${stream}: ${String(error)}`, error)
  }
  try {
    const jsm = await jetstreamManager(nc)
    return await jsm.streams.delete(stream).catch((error: unknown) => {
      if (isNotFound(error)) return false
      throw natsFailure(error, `delete stream ${stream}`)
    })
  } catch (error) {
    if (isJetStreamDisabled(error))
      throw brokerError(
        'BROKER_JETSTREAM_DISABLED',
        `Failed to delete stream ${stream}: JetStream is not enabled`,
        error,
      )
    throw natsFailure(error, `delete stream ${stream}`)
  } finally {
    await nc.close().catch(() => {})
  }
}
