import { BrokerError } from '../../platform/broker/broker-errors.js'
import { openBroker } from '../../platform/broker/open-broker.js'

export { deleteNatsStream } from '../../platform/broker/nats-setup.js'

/**
 * Opens this run's stream on the NATS server directly (not through the `broker` link) and closes
 * the handle: a server without JetStream, or none at all, stops the run before anything starts,
 * with a message that says what to do.
 *
 * @throws Error naming the URL and the fix (the CLI exits 2 on a stack that would not start).
 */
export async function checkNatsStream(nats: {
  servers: string
  stream: string
  subjects: readonly string[]
  storage: 'memory' | 'file'
}): Promise<void> {
  try {
    const broker = await openBroker({ kind: 'nats', ...nats, connectTimeoutMs: 3_000 })
    await broker.close()
  } catch (error) {
    const code = error instanceof BrokerError ? error.code : 'BROKER_UNAVAILABLE'
    const fix =
      code === 'BROKER_JETSTREAM_DISABLED'
        ? 'start it with JetStream enabled (nats-server -js)'
        : 'start one (nats-server -js) or unset NATS_URL to use the embedded broker'
    throw new Error(`Failed to use NATS at ${nats.servers} (${code}): ${(error as Error).message}; ${fix}`, {
      cause: error,
    })
  }
}
