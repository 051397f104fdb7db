import type { FastifyBaseLogger } from 'fastify'
import type { CrashPoints } from './chaos-hooks/crash-points.js'
import type { Clock } from '../lib/clock.js'
import type { PlatformConfig } from './config.js'
import type { Db } from './db/db.js'
import type { IdGenerator } from '../lib/ids.js'
import type { PspClient } from './payments/psp-client.js'
import type { SagaVendors } from './checkout/saga-vendors.js'
import type { BreakerBoard } from './vendors/breaker-board.js'

/** Everything {@link buildApp} needs, injected so tests control time, ids and the PSP. */
export interface AppDeps {
  db: Db
  psp: PspClient
  clock: Clock
  ids: IdGenerator
  logger: FastifyBaseLogger
  config: PlatformConfig
  /** Where a game day may crash the platform (armed through the admin API). @default none */
  crashPoints?: CrashPoints
  /** The checkout saga's vendors (config names `taxUrl` and `fraudUrl`). @default none: the PSP alone */
  saga?: SagaVendors | undefined
  /** This boot of the platform on its database (idempotency locks of earlier boots are stale). @default 0 */
  bootId?: number
  /**
   * Where the PSP's and the saga vendors' breakers report (`GET /__admin/breakers`): the one
   * given to their clients. @default an empty board (the clients report nowhere)
   */
  breakers?: BreakerBoard
  /** The broker's unacked OrderPaid messages (`GET /__admin/queue`); absent without a broker. */
  brokerPending?: () => Promise<number | null>
}
