import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync } from 'fastify'
import Stripe from 'stripe'
import type { AppDeps } from '../app-deps.js'
import { ProblemError } from '../http/problem.js'
import { startPeriodicJob, type PeriodicJob } from './periodic-job.js'
import { createReconciler } from './reconciler.js'
import { createReconcilerPsp, type ReconcilerPsp } from './reconciler-psp.js'
import { skipWhileIdle } from './skip-while-idle.js'
import {
  ReconcileBodySchema,
  ReconcileResponseSchema,
  ReconciliationReportSchema,
} from './reconciliation-schemas.js'

/** How often the periodic pass runs once the platform listens (the `reconciler` safeguard). */
export const RECONCILE_PASS_EVERY_MS = 2_000
/** Ticks an idle reconciler skips at most: a pass every 8 s while nothing is open or recent. */
const MAX_IDLE_SKIPS = 3

/**
 * `GET /__admin/reconciliation` (the report of every pass) and `POST /__admin/reconcile` (a pass
 * now). With the `reconciler` safeguard on, a pass also runs every {@link RECONCILE_PASS_EVERY_MS}
 * (every 8 s while idle) once the app listens (never under `inject()`, so tests drive passes themselves); with it off no
 * pass runs and `POST /__admin/reconcile` answers 200 `{ ran: false, reason }`.
 */
export const reconciliationRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>()
  const { config } = deps
  let psp: ReconcilerPsp | undefined
  const reconciler = createReconciler({
    db: deps.db,
    clock: deps.clock,
    psp: () => (psp ??= createReconcilerPsp({ pspUrl: config.pspUrl, apiKey: config.pspApiKey })),
    tax: deps.saga?.tax,
    safeguards: config.safeguards,
  })
  let job: PeriodicJob | undefined
  app.addHook('onListen', async () => {
    if (!config.safeguards.reconciler || job) return
    job = startPeriodicJob(
      RECONCILE_PASS_EVERY_MS,
      // Idle (nothing open, no intent in its window): back off to a pass every 8 s.
      skipWhileIdle(async () => {
        const outcome = await reconciler.run('periodic')
        return outcome.ran && outcome.pass.ordersChecked === 0 && outcome.pass.paymentsChecked === 0
      }, MAX_IDLE_SKIPS),
      // The message only: a PSP error carries its raw request and response.
      (err) =>
        app.log.warn(
          { reason: err instanceof Error ? err.message : String(err) },
          'reconciliation pass failed',
        ),
    )
  })
  app.addHook('onClose', async () => {
    await job?.stop()
    psp?.close()
  })
  app.get(
    '/__admin/reconciliation',
    { schema: { response: { 200: ReconciliationReportSchema } } },
    async () => reconciler.report(),
  )
  app.post(
    '/__admin/reconcile',
    { schema: { body: ReconcileBodySchema, response: { 200: ReconcileResponseSchema } } },
    async (request) => {
      const stalledAfterMs = request.body?.stalledAfterMs
      const outcome = await reconciler
        .run('on_demand', stalledAfterMs === undefined ? {} : { stalledAfterMs })
        .catch((err: unknown) => {
          // The pass could not read the PSP (a pass that reaches it records its own failures).
          if (err instanceof Stripe.errors.StripeError) {
            throw new ProblemError('PSP_UNAVAILABLE', `Failed to reconcile: ${err.message}`)
          }
          throw err
        })
      return { ...outcome, report: await reconciler.report() }
    },
  )
}
