import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync } from 'fastify'
import { SAFEGUARD_INFO, SAFEGUARDS, type Safeguards } from '../safeguards.js'
import type { BreakerBoard } from '../vendors/breaker-board.js'
import { AdminBreakersResponseSchema, AdminSafeguardsResponseSchema } from './admin-status-schemas.js'

/** Options of {@link adminStatusRoutes}. */
export interface AdminStatusRoutesOptions {
  /** Which safeguards this run has on. */
  safeguards: Safeguards
  /** Where the vendors' breakers and bulkheads report. */
  breakers: BreakerBoard
}

/**
 * What a dashboard shows of the platform's resilience now: `GET /__admin/safeguards` (each
 * switch and whether code implements it) and `GET /__admin/breakers` (each vendor's breaker and
 * bulkhead, and the breaker states over time).
 */
export const adminStatusRoutes: FastifyPluginAsync<AdminStatusRoutesOptions> = async (
  plain,
  { safeguards, breakers },
) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/__admin/safeguards',
    { schema: { response: { 200: AdminSafeguardsResponseSchema } } },
    async () => ({
      safeguards: SAFEGUARDS.map((name) => ({
        name,
        on: safeguards[name],
        implemented: SAFEGUARD_INFO[name].implemented,
      })),
    }),
  )
  app.get('/__admin/breakers', { schema: { response: { 200: AdminBreakersResponseSchema } } }, async () =>
    breakers.read(),
  )
}
