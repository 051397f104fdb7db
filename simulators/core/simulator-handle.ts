import { adminErrors } from '../error-codes.js'
import { adminError } from './admin-error.js'
import type { FaultModel } from '../faults/fault-model.js'
import { withFaults, type VendorShape } from '../faults/with-faults.js'
import { createRouter, pathOf, type Route } from './router.js'
import type { ConnectionInfo, SimulatorHandle } from './serve.js'

/** The parts of one simulator. */
export interface SimulatorParts {
  /** `/__admin/…` routes: never faulted, answered only to loopback clients. */
  admin: Route[]
  /** The vendor's wire API. */
  vendor: Route[]
  faults: FaultModel
  shape: VendorShape & {
    notFound(request: Request): Response
    tooLarge(request: Request): Response
  }
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * Assembles a simulator: admin routes for local clients, the vendor routes behind the fault
 * model, vendor-shaped 404s and refusals of oversized bodies.
 */
export function createSimulatorHandle(parts: SimulatorParts): SimulatorHandle {
  const admin = createRouter(parts.admin)
  const vendor = createRouter(parts.vendor)
  const faulted = withFaults(
    parts.faults,
    parts.shape,
    async (request) => (await vendor(request)) ?? parts.shape.notFound(request),
  )
  return async (request: Request, info: ConnectionInfo) => {
    if (pathOf(request.url).startsWith('/__admin')) {
      if (!loopback.has(info.remoteAddress))
        return adminError(adminErrors.ADMIN_LOCAL_ONLY, 'The admin API answers 127.0.0.1 only')
      return (await admin(request)) ?? adminError(adminErrors.ADMIN_ROUTE_NOT_FOUND, 'No such admin route')
    }
    if (info.bodyTooLarge) return parts.shape.tooLarge(request)
    return faulted(request)
  }
}
