import { Pool } from 'undici'
import { BAGGAGE_HEADER, formatJourneyBaggage } from '../../lib/journey-context.js'
import { sleep } from '../load/abortable-sleep.js'
import type { JourneyPlayer, JourneyRef, JourneyResult } from './target.js'

export interface CheckoutJourneyOptions {
  /** Base URL of the platform as the shopper reaches it (through the `platform` proxy link). */
  platformUrl: string
  sku: string
  quantity: number
  paymentMethod: string
  /** Retries of the checkout POST when its answer was lost, with the same key. */
  retries: number
  /** Per-request timeout, ms. */
  timeoutMs: number
  /** Reuse connections (HTTP keep-alive); false opens one per request, like a flaky mobile client. @default true */
  keepAlive?: boolean
  /** Connections to the platform. @default 64 */
  connections?: number
  /** Partial refunds after a paid checkout (see the scenario format's `shopper.refund`). */
  refund?: { every: number; parts: number; percent: number }
}

/** 409 (the same key still in flight) and any 5xx: the outcome is unknown, retry with the same key. */
const isRetryable = (status: number): boolean => status === 409 || status >= 500

/**
 * A shopper: create a cart, add an item, check out with an Idempotency-Key, retrying the
 * checkout (same key) when its answer was lost. Returns a Jepsen-style outcome: a network
 * error, timeout or 5xx is indeterminate (`info`), never a definite failure.
 */
export function createCheckoutJourney(options: CheckoutJourneyOptions): JourneyPlayer {
  const pool = new Pool(options.platformUrl, {
    connections: options.connections ?? 64,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 4_000,
  })

  // Every request says which journey, step and try it is (a W3C baggage header): the proxy's
  // toxicity and the vendors' fault fractions draw from it, so a seed replays the same faults.
  const post = async (
    journey: number,
    step: string,
    attempt: number,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await pool.request({
      method: 'POST',
      path,
      headers: {
        'content-type': 'application/json',
        [BAGGAGE_HEADER]: formatJourneyBaggage({ journey, step, attempt }),
        ...headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
      reset: options.keepAlive === false,
    })
    const text = await res.body.text()
    let json: Record<string, unknown> = {}
    try {
      json = JSON.parse(text) as Record<string, unknown>
    } catch {
      // A truncated or non-JSON answer is judged by its status alone.
    }
    return { status: res.statusCode, json }
  }

  const run = async ({ index, idempotencyKey }: JourneyRef): Promise<JourneyResult> => {
    // A cart whose set-up was cut off is abandoned and a fresh one started: re-adding an item to a
    // cart whose first add may have landed would change what is bought.
    let cartId = ''
    for (let attempt = 0; !cartId; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt + 1))
      try {
        const cart = await post(index, 'cart', attempt + 1, '/v1/carts', { currency: 'usd' })
        if (cart.status === 201) {
          const item = await post(index, 'item', attempt + 1, `/v1/carts/${String(cart.json.id)}/items`, {
            sku: options.sku,
            quantity: options.quantity,
          })
          if (item.status === 200) cartId = String(cart.json.id)
          else if (item.status < 500 || attempt >= options.retries)
            return setupFailure(item.status, item.json)
        } else if (cart.status < 500 || attempt >= options.retries)
          return setupFailure(cart.status, cart.json)
      } catch (error) {
        if (attempt >= options.retries)
          return { outcome: { type: 'info', reason: `cart: ${errorReason(error)}` }, tries: 0 }
      }
    }

    let last: JourneyResult = { outcome: { type: 'info', reason: 'not attempted' }, tries: 0 }
    for (let tries = 1; tries <= options.retries + 1; tries++) {
      if (tries > 1) await sleep(backoffMs(tries))
      try {
        const res = await post(
          index,
          'checkout',
          tries,
          '/v1/checkouts',
          { cartId, paymentMethod: options.paymentMethod },
          { 'idempotency-key': idempotencyKey },
        )
        const order = (res.json.order ?? {}) as Record<string, unknown>
        if (res.status === 201 || res.status === 200) {
          const total = (order.total ?? {}) as { amountMinor?: unknown }
          if (
            options.refund &&
            index % options.refund.every === 0 &&
            order.status === 'paid' &&
            typeof total.amountMinor === 'number'
          ) {
            await refundInParts(index, String(order.id), total.amountMinor, idempotencyKey, options.refund)
          }
          return {
            outcome: {
              type: 'ok',
              status: res.status,
              orderId: String(order.id),
              orderStatus: String(order.status),
            },
            tries,
          }
        }
        if (isRetryable(res.status)) {
          last = {
            outcome: {
              type: 'info',
              reason: `HTTP ${res.status} ${String(res.json.code ?? '')}`.trim(),
              status: res.status,
            },
            tries,
          }
          continue
        }
        const orderId = typeof res.json.orderId === 'string' ? res.json.orderId : undefined
        return {
          outcome: {
            type: 'fail',
            status: res.status,
            code: String(res.json.code ?? `HTTP_${res.status}`),
            ...(orderId ? { orderId } : {}),
          },
          tries,
        }
      } catch (error) {
        last = { outcome: { type: 'info', reason: errorReason(error) }, tries }
      }
    }
    return last
  }

  /**
   * The parts at once, each retried with its own key while its answer is unknown: what the
   * platform refunds is judged from the PSP's ledger afterwards, not from these answers.
   */
  const refundInParts = async (
    journey: number,
    orderId: string,
    totalMinor: number,
    checkoutKey: string,
    refund: { parts: number; percent: number },
  ): Promise<void> => {
    const amountMinor = Math.max(1, Math.floor((totalMinor * refund.percent) / 100))
    await Promise.all(
      Array.from({ length: refund.parts }, async (_, part) => {
        for (let tries = 1; tries <= options.retries + 1; tries++) {
          if (tries > 1) await sleep(backoffMs(tries))
          try {
            const res = await post(
              journey,
              'refund',
              tries,
              `/v1/orders/${encodeURIComponent(orderId)}/refunds`,
              { amountMinor },
              { 'idempotency-key': `${checkoutKey}-refund-${part}` },
            )
            if (!isRetryable(res.status)) return
          } catch {
            // Unknown: retried with the same key.
          }
        }
      }),
    )
  }

  return { run, close: () => pool.close() }
}

function setupFailure(status: number, json: Record<string, unknown>): JourneyResult {
  if (status >= 500) return { outcome: { type: 'info', reason: `cart: HTTP ${status}`, status }, tries: 0 }
  return { outcome: { type: 'fail', status, code: String(json.code ?? 'CART_FAILED') }, tries: 0 }
}

function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code
    return code ?? error.name
  }
  return String(error)
}

/** Exponential from 200 ms, capped at 1 s: a shopper's patience, not a thundering herd. */
function backoffMs(attempt: number): number {
  return Math.min(1_000, 50 * 2 ** attempt)
}
