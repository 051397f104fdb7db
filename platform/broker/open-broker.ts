import type { Broker } from './broker.js'
import { createEmbeddedBroker, type EmbeddedBrokerOptions } from './embedded-broker-client.js'
import { createNatsBroker, type NatsBrokerOptions } from './nats-broker.js'

/** Which broker to use, as plain data a config file or an IPC message can carry. */
export type BrokerConfig =
  | ({ readonly kind: 'embedded' } & EmbeddedBrokerOptions)
  | ({ readonly kind: 'nats' } & Omit<NatsBrokerOptions, 'clock'>)

/**
 * Opens a broker handle from config, so the platform picks an adapter without importing either.
 * Rejects with BROKER_JETSTREAM_DISABLED, BROKER_UNAVAILABLE or BROKER_CONFIG_INVALID when it cannot.
 * @example
 * const broker = await openBroker({ kind: 'embedded', url: 'http://127.0.0.1:4223', durable: 'order-events' })
 */
export async function openBroker(config: BrokerConfig): Promise<Broker> {
  switch (config.kind) {
    case 'embedded': {
      const { kind: _kind, ...options } = config
      return createEmbeddedBroker(options)
    }
    case 'nats': {
      const { kind: _kind, ...options } = config
      return createNatsBroker(options)
    }
    default: {
      const unknown: never = config
      throw new Error(`unknown broker kind ${JSON.stringify(unknown)}`)
    }
  }
}
