import type { ResolvedShopper } from '../format/resolve-scenario.js'
import type { HttpSteps } from './http-step.js'
import type { OrderMemory } from './order-memory.js'
import type { OperationResult } from './target.js'

/** What every journey of one player shares: its connections, the scenario's shopper, the run's orders. */
export interface PlayerContext {
  http: HttpSteps
  shopper: ResolvedShopper
  orders: OrderMemory
}

/** Told of each request as it ends. */
export type Observe = ((operation: OperationResult) => void) | undefined
