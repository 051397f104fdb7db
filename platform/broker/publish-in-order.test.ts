import { describe, expect, it } from 'vitest'
import type { Broker, BrokerMessage } from './broker.js'
import { brokerError } from './broker-errors.js'
import { publishInOrder } from './publish-in-order.js'

/** A broker whose publish fails for the ids in `failing`. */
function fakeBroker(failing: Set<string>, seen: string[]): Broker {
  return {
    publish: async (m: BrokerMessage) => {
      if (failing.has(m.id)) throw brokerError('BROKER_UNAVAILABLE', `Failed to publish ${m.id}: down`)
      seen.push(m.id)
      return { duplicate: false }
    },
    fetch: async () => [],
    pending: async () => 0,
    close: async () => {},
  }
}

const message = (id: string): BrokerMessage => ({ id, subject: 'orders.paid', data: id })

describe('publishInOrder', () => {
  it('publishes every message in order', async () => {
    const seen: string[] = []
    expect(await publishInOrder(fakeBroker(new Set(), seen), ['a', 'b'].map(message))).toEqual({
      published: ['a', 'b'],
    })
    expect(seen).toEqual(['a', 'b'])
  })

  it('stops at the first failure, so nothing after it overtakes it, and says why', async () => {
    const seen: string[] = []
    const result = await publishInOrder(fakeBroker(new Set(['b']), seen), ['a', 'b', 'c'].map(message))
    expect(result.published).toEqual(['a'])
    expect(result.error?.code).toBe('BROKER_UNAVAILABLE')
    expect(seen).toEqual(['a'])
  })
})
