import { createJsonHttp } from '../vendors/json-http.js'
import { httpError, VendorError } from '../vendors/vendor-errors.js'
import {
  createVendorPolicy,
  policyOptions,
  type VendorClientPolicyOptions,
} from '../vendors/vendor-policy.js'
import { toMicros } from '../vendors/wire-decimal.js'
import type { FraudAssessment, FraudCategory, FraudClient, FraudRequest } from './fraud-client.js'

/** Options of {@link createSiftFraudClient}. */
export interface SiftFraudClientOptions extends VendorClientPolicyOptions {
  /** Base URL of a Sift-shaped API, e.g. `http://127.0.0.1:12114`. */
  fraudUrl: string
  /** Sift's REST API key, sent as `$api_key`. */
  apiKey: string
}

const EVENTS_PATH = '/v205/events?return_workflow_status=true&abuse_types=payment_abuse'

/** Sift's default payment-abuse decisions (order and user entity) and their categories. */
const DECISION_CATEGORIES: Readonly<Record<string, FraudCategory>> = {
  order_looks_ok_payment_abuse: 'accept',
  user_looks_ok_payment_abuse: 'accept',
  order_looks_risky_payment_abuse: 'watch',
  user_looks_risky_payment_abuse: 'watch',
  order_looks_bad_payment_abuse: 'block',
  user_looks_bad_payment_abuse: 'block',
}

interface SiftAnswer {
  status?: unknown
  error_message?: unknown
  score_response?: {
    scores?: { payment_abuse?: { score?: unknown } }
    workflow_statuses?: Array<{ history?: Array<{ app?: unknown; config?: { decision_id?: unknown } }> }>
  }
}

/**
 * The fraud client: Sift's Events API over undici — a `$create_order` event with
 * `return_workflow_status=true&abuse_types=payment_abuse`, `$amount` in micros — whose
 * workflow's decision (`history[].config.decision_id`) gives the category; wrapped once in the
 * vendor policy (timeout, retries, breaker, bulkhead).
 *
 * @note Sift has no idempotency keys: a retried event is a new event with the same decision,
 * which is why retrying it is safe.
 * @example
 * const fraud = createSiftFraudClient({ fraudUrl, apiKey: 'key', clock, random, timeoutMs: 2000, retries: 2, circuitBreaker: true, bulkhead: { maxConcurrent: 64, maxQueued: 256 } })
 * const { category } = await fraud.assess({ orderId, email: 'ada@example.com', amount })
 */
export function createSiftFraudClient(options: SiftFraudClientOptions): FraudClient {
  const http = createJsonHttp({
    vendor: 'fraud',
    baseUrl: options.fraudUrl,
    headers: {},
    clock: options.clock,
    // Without a bulkhead the socket pool must not become one: no cap on sockets then.
    connections: options.bulkhead?.maxConcurrent ?? null,
  })
  const policy = createVendorPolicy({ ...policyOptions(options), vendor: 'fraud' })
  return {
    assess(request) {
      const event = createOrderEvent(request, options.apiKey)
      return policy.execute(async (signal, attempt) => {
        const answer = await http.request('POST', EVENTS_PATH, event, {
          signal,
          journey: request.journey ? { context: request.journey, step: 'fraud.assess', attempt } : undefined,
        })
        const body = (answer.body ?? {}) as SiftAnswer
        if (answer.status >= 300 || body.status !== 0) {
          const message =
            typeof body.error_message === 'string' ? body.error_message.slice(0, 200) : 'no message'
          throw httpError(
            'fraud',
            answer.status,
            body.status === undefined ? undefined : String(body.status),
            message,
            answer.retryAfterMs,
          )
        }
        return assessment(body)
      })
    },
    isAvailable: () => policy.isAvailable(),
    close: () => http.close(),
  }
}

function createOrderEvent(request: FraudRequest, apiKey: string): Record<string, unknown> {
  return {
    $type: '$create_order',
    $api_key: apiKey,
    // Sift's id alphabet: letters, digits and = . - _ + @ : & ^ % ! $
    $user_id:
      request.email?.replace(/[^A-Za-z0-9=.\-_+@:&^%!$]/g, '_').slice(0, 255) ?? `guest_${request.orderId}`,
    $order_id: request.orderId,
    ...(request.email === undefined ? {} : { $user_email: request.email }),
    $amount: toMicros(request.amount),
    $currency_code: request.amount.currency.toUpperCase(),
  }
}

/**
 * The workflow's decision when there is one (an unknown decision id holds the order for a human:
 * `watch`); else Sift's own score bands (block ≥ 0.8, watch ≥ 0.5); else the answer is unreadable.
 */
function assessment(body: SiftAnswer): FraudAssessment {
  const rawScore = body.score_response?.scores?.payment_abuse?.score
  const score = typeof rawScore === 'number' ? rawScore : undefined
  const decisionId = body.score_response?.workflow_statuses
    ?.flatMap((run) => run.history ?? [])
    .find((step) => step.app === 'decision' && typeof step.config?.decision_id === 'string')?.config
    ?.decision_id as string | undefined
  if (decisionId !== undefined) {
    return { category: DECISION_CATEGORIES[decisionId] ?? 'watch', decisionId, score }
  }
  if (score !== undefined) {
    return { category: score >= 0.8 ? 'block' : score >= 0.5 ? 'watch' : 'accept', decisionId, score }
  }
  throw new VendorError(
    'VENDOR_BAD_RESPONSE',
    'fraud',
    true,
    'Failed to read the fraud vendor answer: no workflow decision and no score',
  )
}
