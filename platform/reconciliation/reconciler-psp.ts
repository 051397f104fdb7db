import http from 'node:http'
import Stripe from 'stripe'

/** What the reconciler needs of one PaymentIntent (and its latest charge's refunds). */
export interface IntentView {
  id: string
  /** Stripe's PaymentIntent status: `requires_capture`, `succeeded`, `canceled`, … */
  status: string
  amount: number
  /** Captured, minor units. */
  amountReceived: number
  /** Refunded from the latest charge, minor units. */
  amountRefunded: number
  currency: string
  /** `metadata.order_id`, which the platform sets on every intent it creates. */
  orderId: string | undefined
  /** Unix seconds, PSP time. */
  createdSec: number
}

/** The reconciler's PSP calls: lists and reads, and the three repairs it makes with a key of its own. */
export interface ReconcilerPsp {
  /** Every PaymentIntent created at or after `gteSec` (auto-paginated), at most `max`. */
  listIntents(gteSec: number, max: number): Promise<{ intents: IntentView[]; truncated: boolean }>
  retrieve(paymentIntentId: string): Promise<IntentView>
  capture(paymentIntentId: string, idempotencyKey: string): Promise<IntentView>
  cancel(paymentIntentId: string, idempotencyKey: string): Promise<IntentView>
  /** Refunds `amount` of the intent's charge; returns the refund's id and status. */
  refund(
    paymentIntentId: string,
    amount: number,
    idempotencyKey: string,
  ): Promise<{ id: string; status: string }>
  close(): void
}

/** Per-call socket timeout: a pass is not latency-bound, but must not hang on a hung PSP. */
const TIMEOUT_MS = 10_000

/**
 * The official `stripe` client pointed at the PSP, with its own keep-alive agent and one network
 * retry (every write carries an explicit Idempotency-Key, so a retry replays). Throws Stripe's
 * errors: the pass records a repair whose call failed as unrepaired and tries again next pass.
 *
 * @example const psp = createReconcilerPsp({ pspUrl: 'http://127.0.0.1:12111', apiKey: 'sk_test_x' })
 */
export function createReconcilerPsp(options: { pspUrl: string; apiKey: string }): ReconcilerPsp {
  const url = new URL(options.pspUrl)
  const agent = new http.Agent({ keepAlive: true })
  const stripe = new Stripe(options.apiKey, {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 1,
    timeout: TIMEOUT_MS,
    telemetry: false,
    httpClient: Stripe.createNodeHttpClient(agent),
  })
  return {
    async listIntents(gteSec, max) {
      const intents: IntentView[] = []
      const pages = stripe.paymentIntents.list({
        created: { gte: gteSec },
        limit: 100,
        expand: ['data.latest_charge'],
      })
      for await (const intent of pages) {
        if (intents.length >= max) return { intents, truncated: true }
        intents.push(viewOf(intent))
      }
      return { intents, truncated: false }
    },
    async retrieve(id) {
      return viewOf(await stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }))
    },
    async capture(id, idempotencyKey) {
      return viewOf(
        await stripe.paymentIntents.capture(id, { expand: ['latest_charge'] }, { idempotencyKey }),
      )
    },
    async cancel(id, idempotencyKey) {
      return viewOf(await stripe.paymentIntents.cancel(id, {}, { idempotencyKey }))
    },
    async refund(paymentIntentId, amount, idempotencyKey) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntentId, amount, metadata: { reason: 'reconciler' } },
        { idempotencyKey },
      )
      return { id: refund.id, status: refund.status ?? 'unknown' }
    },
    close: () => agent.destroy(),
  }
}

function viewOf(intent: Stripe.PaymentIntent): IntentView {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    amountReceived: intent.amount_received,
    amountRefunded: charge?.amount_refunded ?? 0,
    currency: intent.currency,
    orderId: intent.metadata?.order_id || undefined,
    createdSec: intent.created,
  }
}
