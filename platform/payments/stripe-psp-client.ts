import http from 'node:http'
import { TaskCancelledError } from 'cockatiel'
import Stripe from 'stripe'
import type { Clock } from '../../lib/clock.js'
import { BAGGAGE_HEADER, formatJourneyBaggage } from '../../lib/journey-context.js'
import type {
  PaymentOutcome,
  PaymentRequest,
  PspClient,
  PspRefunds,
  RefundOutcome,
  RefundRequest,
} from './psp-client.js'
import { createPspBreaker, PspCircuitOpenError } from './psp-breaker.js'
import { createPspPolicy } from './psp-policy.js'
import type { IntentStepOutcome, IntentStepRequest, ManualCapturePsp } from './psp-manual-capture.js'

/** Options for {@link createStripePspClient}. */
export interface StripePspClientOptions {
  /** Base URL of a Stripe-compatible API, e.g. `http://127.0.0.1:12111`. */
  pspUrl: string
  apiKey: string
  /** The breaker's time (when its probe is due). */
  clock: Clock
  /** Per-try timeout, ms; `undefined` = none (the `timeouts` safeguard off). */
  timeoutMs: number | undefined
  /** Retry once on a transient error (the `retries` safeguard). */
  retry: boolean
  /**
   * Send Idempotency-Keys (the `psp-idempotency` safeguard). Off strips every key, including the
   * one stripe-node adds to each POST by itself, as a client without keys would send.
   */
  idempotencyKeys: boolean
  /** Open a circuit breaker after consecutive failures (the `circuit-breaker` safeguard). */
  circuitBreaker?: boolean
  onRetry?: (reason: string) => void
  onBreakerStateChange?: (state: 'open' | 'half-open' | 'closed') => void
}

/**
 * The PSP client: the official `stripe` package pointed at `pspUrl`, its own retries off,
 * wrapped once with cockatiel (per-try timeout, one retry with the same key).
 *
 * @example
 * const psp = createStripePspClient({ pspUrl, apiKey: 'sk_test_x', clock: systemClock, timeoutMs: 2000, retry: true, idempotencyKeys: true })
 */
export function createStripePspClient(
  options: StripePspClientOptions,
): PspClient & ManualCapturePsp & PspRefunds {
  const url = new URL(options.pspUrl)
  const agent = new http.Agent({ keepAlive: true })
  const base = Stripe.createNodeHttpClient(agent)
  const httpClient = options.idempotencyKeys ? base : withoutIdempotencyKeys(base)
  const stripe = new Stripe(options.apiKey, {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    // The socket timeout trails the policy's per-try timeout, so an abandoned try frees its socket.
    timeout: options.timeoutMs === undefined ? 0 : options.timeoutMs + 250,
    telemetry: false,
    httpClient,
  })
  const breaker = createPspBreaker({
    enabled: options.circuitBreaker ?? false,
    clock: options.clock,
    isTransient,
    ...(options.onBreakerStateChange ? { onStateChange: options.onBreakerStateChange } : {}),
  })
  const perCall = createPspPolicy({
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    isTransient,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  })
  /** One PSP call through the breaker (whole calls) and the per-try policy; `attempt` counts tries. */
  const guarded = <T>(call: (attempt: number) => Promise<T>): Promise<T> => {
    let attempt = 0
    // A signal per call: cockatiel's shared default signal would collect a listener per
    // concurrent call (a MaxListenersExceeded warning under load).
    return breaker.execute(() => perCall.execute(() => call(++attempt), new AbortController().signal))
  }
  const createIntent = async (request: PaymentRequest, manual: boolean): Promise<PaymentOutcome> => {
    const step = manual ? 'psp.authorize' : 'psp.create'
    try {
      // The breaker counts whole calls (a try and its retry) as one success or failure.
      const intent = await guarded((attempt) =>
        stripe.paymentIntents.create(
          {
            amount: request.amount.amount,
            currency: request.amount.currency,
            payment_method: request.paymentMethod,
            confirm: true,
            ...(manual ? { capture_method: 'manual' as const } : {}),
            metadata: { order_id: request.orderId, checkout_key: request.checkoutKey },
          },
          requestOptions(request, step, attempt),
        ),
      )
      return intentOutcome(intent)
    } catch (err) {
      return errorOutcome(err)
    }
  }
  const intentStep = async (
    request: IntentStepRequest,
    step: 'capture' | 'cancel',
  ): Promise<IntentStepOutcome> => {
    const doneStatus = step === 'capture' ? 'succeeded' : 'canceled'
    try {
      const intent = await guarded((attempt) => {
        const opts = requestOptions(request, `psp.${step}`, attempt)
        return step === 'capture'
          ? stripe.paymentIntents.capture(request.paymentIntentId, {}, opts)
          : stripe.paymentIntents.cancel(request.paymentIntentId, {}, opts)
      })
      return intent.status === doneStatus
        ? { kind: 'done' }
        : { kind: 'failed', pspCode: intent.status, message: `PaymentIntent is ${intent.status}` }
    } catch (err) {
      if (err instanceof Stripe.errors.StripeError && err.code === 'payment_intent_unexpected_state') {
        // Done by an earlier try whose answer was lost (a retry without the PSP key)?
        const intent = await stripe.paymentIntents.retrieve(request.paymentIntentId).catch(() => undefined)
        if (intent?.status === doneStatus) return { kind: 'done' }
      }
      const outcome = errorOutcome(err)
      switch (outcome.kind) {
        case 'indeterminate':
          return outcome
        case 'rejected':
          return { kind: 'failed', pspCode: outcome.pspCode, message: outcome.message }
        case 'declined':
          return { kind: 'failed', pspCode: outcome.declineCode, message: outcome.message }
        default:
          return { kind: 'failed', pspCode: outcome.kind, message: `unexpected ${step} outcome` }
      }
    }
  }
  const refund = async (request: RefundRequest): Promise<RefundOutcome> => {
    try {
      const created = await guarded((attempt) =>
        stripe.refunds.create(
          {
            payment_intent: request.paymentIntentId,
            amount: request.amount.amount,
            ...(request.reason ? { reason: request.reason } : {}),
            metadata: { order_id: request.orderId, refund_id: request.refundId },
          },
          requestOptions(request, 'psp.refund', attempt),
        ),
      )
      // `pending` is accepted: the PSP took the refund and settles it later.
      return created.status === 'succeeded' || created.status === 'pending'
        ? { kind: 'refunded', pspRefundId: created.id }
        : { kind: 'failed', pspCode: String(created.status), message: `Refund is ${String(created.status)}` }
    } catch (err) {
      const outcome = errorOutcome(err)
      switch (outcome.kind) {
        case 'indeterminate':
          return outcome
        case 'rejected':
          return { kind: 'failed', pspCode: outcome.pspCode, message: outcome.message }
        case 'declined':
          return { kind: 'failed', pspCode: outcome.declineCode, message: outcome.message }
        default:
          return { kind: 'failed', pspCode: outcome.kind, message: 'unexpected refund outcome' }
      }
    }
  }
  return {
    refund,
    pay: (request) => createIntent(request, false),
    authorize: (request) => createIntent(request, true),
    capture: (request) => intentStep(request, 'capture'),
    cancel: (request) => intentStep(request, 'cancel'),
    isAvailable: () => breaker.isClosed(),
    close: () => agent.destroy(),
  }
}

function intentOutcome(intent: Stripe.PaymentIntent): PaymentOutcome {
  switch (intent.status) {
    case 'succeeded':
    case 'requires_capture':
    case 'processing':
      return { kind: 'succeeded', paymentIntentId: intent.id }
    case 'requires_action':
    case 'requires_confirmation':
      return { kind: 'requires_action', paymentIntentId: intent.id }
    case 'requires_payment_method':
    case 'canceled':
      return {
        kind: 'declined',
        paymentIntentId: intent.id,
        declineCode: intent.last_payment_error?.decline_code ?? intent.status,
        message: intent.last_payment_error?.message ?? `PaymentIntent is ${intent.status}`,
      }
    default:
      return { kind: 'indeterminate', reason: `unexpected PaymentIntent status ${String(intent.status)}` }
  }
}

function errorOutcome(err: unknown): PaymentOutcome {
  if (err instanceof Stripe.errors.StripeCardError) {
    return {
      kind: 'declined',
      paymentIntentId: err.payment_intent?.id,
      declineCode: err.decline_code || err.code || 'card_declined',
      message: err.message,
    }
  }
  if (err instanceof TaskCancelledError) return { kind: 'indeterminate', reason: 'timeout' }
  // Opened between the pre-check and this call: nothing sent now, but an earlier try may have been.
  if (err instanceof PspCircuitOpenError) return { kind: 'indeterminate', reason: 'circuit open' }
  if (err instanceof Stripe.errors.StripeConnectionError)
    return { kind: 'indeterminate', reason: 'connection error' }
  if (err instanceof Error && isTransient(err)) {
    return {
      kind: 'indeterminate',
      reason: `PSP answered ${(err as { statusCode?: number }).statusCode ?? 'an error'}`,
    }
  }
  if (err instanceof Stripe.errors.StripeError) {
    return {
      kind: 'rejected',
      httpStatus: err.statusCode ?? 0,
      pspCode: err.code ?? err.type,
      message: err.message,
    }
  }
  return { kind: 'indeterminate', reason: 'unexpected client error' }
}

/**
 * Per-try request options: the PSP key (the same on every try) and, for a call made for a
 * journey, its `baggage` naming this PSP operation and the try (1, then 2 for the retry), which
 * the vendor simulators key their fault decisions on.
 */
function requestOptions(
  request: Pick<PaymentRequest, 'idempotencyKey' | 'journey'>,
  step: string,
  attempt: number,
): Stripe.RequestOptions {
  return {
    ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
    ...(request.journey === undefined
      ? {}
      : {
          headers: {
            [BAGGAGE_HEADER]: formatJourneyBaggage({ journey: request.journey.journey, step, attempt }),
          },
        }),
  }
}

/** Worth another try with the same key: the request may not have been processed, or will replay. */
function isTransient(err: Error): boolean {
  if (err instanceof TaskCancelledError) return true
  if (err instanceof Stripe.errors.StripeConnectionError) return true
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode ?? 0
    return status >= 500 || status === 409 || status === 429
  }
  return false
}

function withoutIdempotencyKeys(base: Stripe.HttpClient): Stripe.HttpClient {
  const client = Object.create(base) as Stripe.HttpClient
  client.makeRequest = (host, port, path, method, headers, data, protocol, timeoutMs) => {
    const stripped = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'idempotency-key'),
    ) as typeof headers
    return base.makeRequest(host, port, path, method, stripped, data, protocol, timeoutMs)
  }
  return client
}
