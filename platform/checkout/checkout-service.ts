import type { Clock } from '../clock.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import type { IdGenerator } from '../ids.js'
import { requestFingerprint } from '../idempotency/fingerprint.js'
import {
  claimIdempotencyKey,
  finishIdempotencyKey,
  releaseIdempotencyKey,
} from '../idempotency/idempotency-keys.js'
import { findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { PspClient } from '../payments/psp-client.js'
import type { Safeguards } from '../safeguards.js'
import { problem, type CheckoutResponse } from './checkout-response.js'
import { createOrder } from './create-order.js'
import { payOrder } from './pay-order.js'

/** A checkout request's body. */
export interface CheckoutInput {
  cartId: string
  paymentMethod: string
  email?: string
}

/** A checkout's answer, and whether it is a replay of a saved one. */
export interface CheckoutResult extends CheckoutResponse {
  replayed: boolean
}

/** Runs checkouts: idempotent (Brandur Leach's recovery points) around one PSP charge. */
export interface CheckoutService {
  /** `checkoutKey` is the client's Idempotency-Key (required when the `idempotency` safeguard is on). */
  checkout(input: CheckoutInput, checkoutKey: string | undefined): Promise<CheckoutResult>
}

/** Collaborators of {@link createCheckoutService}. */
export interface CheckoutDeps {
  db: Db
  psp: PspClient
  clock: Clock
  ids: IdGenerator
  safeguards: Safeguards
  /** A lock older than this is taken over (its holder hung). */
  lockTtlMs: number
  /** This boot of the platform: locks of earlier boots are stale at once. */
  bootId: number
  crashPoints?: CrashPoints
}

/**
 * Builds the checkout service. Phases: claim the key → create the order (atomic) → charge at
 * the PSP (foreign call, its key derived from the order) → settle (atomic, saves the response).
 */
export function createCheckoutService(deps: CheckoutDeps): CheckoutService {
  const { db, clock, safeguards } = deps

  async function run(
    input: CheckoutInput,
    checkoutKey: string,
    key: string | undefined,
    from: { orderId: string | undefined },
  ): Promise<CheckoutResponse> {
    let stored: StoredOrder | undefined
    if (from.orderId === undefined) {
      // Fail fast, before any order exists, while the PSP circuit is open.
      if (!deps.psp.isAvailable()) {
        if (key) await releaseIdempotencyKey(db, key, clock.now())
        return problem(
          'PSP_CIRCUIT_OPEN',
          'The payment provider is failing; no order was created. Retry later.',
        )
      }
      const created = await createOrder(db, {
        orderId: deps.ids('ord'),
        cartId: input.cartId,
        paymentMethod: input.paymentMethod,
        email: input.email,
        checkoutKey,
        idempotencyKey: key,
        inventoryLock: safeguards['inventory-lock'],
        now: clock.now(),
      })
      if (!created.ok) {
        if (key) await finishIdempotencyKey(db, key, created.response, clock.now())
        return created.response
      }
      stored = { order: created.order, lines: created.lines, paymentMethod: input.paymentMethod }
    } else {
      stored = await findOrder(db, from.orderId)
      if (!stored) throw new Error(`Failed to resume checkout (${from.orderId}): order not found`)
    }
    return payOrder(
      {
        db,
        psp: deps.psp,
        clock,
        pspIdempotency: safeguards['psp-idempotency'],
        outbox: safeguards.outbox,
        ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
      },
      { stored, idempotencyKey: key },
    )
  }

  return {
    async checkout(input, checkoutKey) {
      if (!safeguards.idempotency || checkoutKey === undefined) {
        const response = await run(input, checkoutKey ?? '', undefined, { orderId: undefined })
        return { ...response, replayed: false }
      }
      const claim = await claimIdempotencyKey(db, {
        key: checkoutKey,
        fingerprint: requestFingerprint('POST', '/v1/checkouts', input),
        now: clock.now(),
        lockTtlMs: deps.lockTtlMs,
        bootId: deps.bootId,
      })
      switch (claim.kind) {
        case 'replay':
          return { ...claim.response, replayed: true }
        case 'reused':
          return {
            ...problem(
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used with a different request body',
            ),
            replayed: false,
          }
        case 'in_use':
          return {
            ...problem(
              'IDEMPOTENCY_KEY_IN_USE',
              'A request with this Idempotency-Key is still in progress; retry later',
            ),
            replayed: false,
          }
        case 'claimed':
          try {
            return {
              ...(await run(input, checkoutKey, checkoutKey, { orderId: claim.orderId })),
              replayed: false,
            }
          } catch (err) {
            await releaseIdempotencyKey(db, checkoutKey, clock.now()).catch(() => {})
            throw err
          }
        default: {
          const never: never = claim
          return never
        }
      }
    },
  }
}
