import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/db.js'
import { outboxPending } from './relay-to-broker.js'

/** Options of {@link queueRoutes}. */
export interface QueueRoutesOptions {
  db: Db
  /** The broker's unacked messages (`null` while it cannot be asked); absent without a broker. */
  brokerPending?: () => Promise<number | null>
}

const QueueStatus = Type.Object({
  outboxPending: Type.Integer({ description: 'OrderPaid events written, not yet published' }),
  brokerPending: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'published to the broker, not yet acked by the consumer; null while it cannot be asked, 0 without a broker',
  }),
  consumed: Type.Integer({ description: 'events the subscriber has recorded in all' }),
  broker: Type.Boolean({ description: 'whether a broker sits between the relay and the subscriber' }),
})

/**
 * `GET /__admin/queue`: the OrderPaid backlog now — what a game day samples to see a backlog
 * build while the broker link is slow or cut, and how long it takes to drain.
 */
export const queueRoutes: FastifyPluginAsync<QueueRoutesOptions> = async (app, { db, brokerPending }) => {
  app.get('/__admin/queue', { schema: { response: { 200: QueueStatus } } }, async () => {
    const [pending, onBroker, consumed] = await Promise.all([
      outboxPending(db),
      brokerPending ? brokerPending() : Promise.resolve(0),
      db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM published_events'),
    ])
    return {
      outboxPending: pending,
      brokerPending: onBroker,
      consumed: consumed.rows[0]?.n ?? 0,
      broker: brokerPending !== undefined,
    }
  })
}
