import type { Broker, BrokerMessage } from './broker.js'
import { BrokerError, brokerError } from './broker-errors.js'

/** What a run of publishes got done. */
export interface PublishInOrderResult {
  /** Ids the broker persisted (or already had: duplicates count as done), in order. */
  readonly published: string[]
  /** Why it stopped early, if it did; the rest are for the next pass. */
  readonly error?: BrokerError
}

/**
 * The relay's side of the seam, written once for every adapter: publishes `messages` one after
 * another and stops at the first failure, so first deliveries keep the outbox's order and the
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
  const published: string[] = []
  for (const message of messages) {
    try {
      await broker.publish(message)
      published.push(message.id)
    } catch (error) {
      const brokerFailure =
        error instanceof BrokerError
          ? error
          : brokerError('BROKER_INTERNAL', `Failed to publish ${message.id}: ${String(error)}`, error)
      return { published, error: brokerFailure }
    }
  }
  return { published }
}
