import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { Db } from '../db/db.js'

/**
 * Every API route (`/v1/…`) registered after this holds one database connection of the pool from
 * its handler's start to its answer, as Rails and Django hand them out: a checkout keeps its
 * connection while it waits on a vendor. A slow vendor therefore exhausts the pool for everyone —
 * browsing and carts too — unless the `bulkhead` safeguard caps that vendor's calls in flight.
 * A request that gets no connection within the pool's timeout answers 503 `DB_POOL_EXHAUSTED`.
 *
 * Admin routes and webhooks are left out: the operator and the PSP must still be heard while
 * shoppers hold the pool.
 *
 * @example holdConnectionPerRequest(app, db) // before the routes register
 */
export function holdConnectionPerRequest(app: FastifyInstance, db: Pick<Db, 'withConnection'>): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/') || route.url.startsWith('/v1/webhooks')) return
    const handler = route.handler as RouteHandlerMethod
    route.handler = function (request, reply) {
      return db.withConnection(async () => handler.call(this, request, reply))
    }
  })
}
