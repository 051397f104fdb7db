import type { FastifyPluginAsync } from 'fastify'
import type { Clock } from '../../lib/clock.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import { ProblemError } from '../http/problem.js'
import type { Safeguards } from '../safeguards.js'
import { processPspEvent } from './process-psp-event.js'
import { asPspEvent } from './psp-event.js'
import { verifyPspSignature, WebhookSignatureError } from './verify-psp-signature.js'

/** Options of {@link webhookRoutes}. */
export interface WebhookRoutesOptions {
  db: Db
  clock: Clock
  safeguards: Safeguards
  /** The PSP's `whsec_…` secret; without it signed webhooks are refused with 503. */
  webhookSecret: string | undefined
  /** Where a game day may crash the platform. */
  crashPoints?: CrashPoints
}

/**
 * `POST /v1/webhooks/psp`: the PSP's signed events. The signature covers the exact bytes, so
 * this plugin (encapsulated) keeps JSON bodies as raw strings.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, opts) => {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  )
  app.post('/v1/webhooks/psp', async (request) => {
    const rawBody = typeof request.body === 'string' ? request.body : ''
    const now = new Date(opts.clock.now())
    let parsed: unknown
    if (opts.safeguards['webhook-signature']) {
      if (!opts.webhookSecret) throw new ProblemError('SERVICE_UNAVAILABLE', 'Webhooks are not configured')
      const header = request.headers['stripe-signature']
      try {
        parsed = await verifyPspSignature({
          rawBody,
          header: typeof header === 'string' ? header : undefined,
          secret: opts.webhookSecret,
          now,
        })
      } catch (err) {
        if (err instanceof WebhookSignatureError)
          throw new ProblemError('WEBHOOK_SIGNATURE_INVALID', err.message)
        throw err
      }
    } else {
      try {
        parsed = JSON.parse(rawBody)
      } catch {
        throw new ProblemError('MALFORMED_JSON', 'The webhook body is not valid JSON')
      }
    }
    const event = asPspEvent(parsed)
    if (!event)
      throw new ProblemError('VALIDATION_FAILED', 'The body is not a PSP event (id, type, data.object)')
    const outcome = await processPspEvent(opts.db, {
      event,
      dedupe: opts.safeguards['webhook-dedupe'],
      outbox: opts.safeguards.outbox,
      now,
      ...(opts.crashPoints ? { crashPoints: opts.crashPoints } : {}),
    })
    return { received: true, outcome }
  })
}
