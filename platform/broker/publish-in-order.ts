import type { BatchPublishResult, Broker, BrokerMessage } from './broker.js'
import { BrokerError, brokerError } from './broker-errors.js'

/** What a run of publishes got done. */
export type PublishInOrderResult = BatchPublishResult

/**
 * The relay's side of the seam, written once for every adapter: publishes `messages` one after
 * another (in one batch where the adapter has `publishBatch`) and stops at the first failure, so first deliveries keep the outbox's order and the
 * caller marks exactly the published ids as relayed. Never throws: a broker that is down is the
 * next pass's problem (publish is idempotent on id, so a message whose answer was lost is simply
 * published again and dropped as a duplicate).
 *
 * @example
 * const { published, error } = await publishInOrder(broker, rows.map(toMessage))
 * await markPublished(db, published) // then log `error?.code` if set
 */
export async function publishInOrder(
  broker: Broker,
  messages: readonly BrokerMessage[],
): Promise<PublishInOrderResult> {
  if (messages.length === 0) return { published: [] }
  // The adapter's batch (one round trip for the lot on the embedded broker), same contract.
  if (broker.publishBatch) {
    return broker
      .publishBatch(messages)
      .catch((error: unknown) => ({ published: [], error: asBrokerError(error, messages[0]?.id) }))
  }
  const published: string[] = []
  for (const message of messages) {
    try {
      await broker.publish(message)
      published.push(message.id)
    } catch (error) {
      return { published, error: asBrokerError(error, message.id) }
    }
  }
  return { published }
}

function asBrokerError(error: unknown, id: string | undefined): BrokerError {
  return error instanceof BrokerError
    ? error
    : brokerError('BROKER_INTERNAL', `Failed to publish ${id}: ${String(error)}`, error)
}
