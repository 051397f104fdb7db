import type { Clock } from '../../lib/clock.js'
import type { IdGenerator } from '../../lib/ids.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db } from '../db/db.js'
import { findOrder, type StoredOrder } from '../orders/order-repo.js'
import type { PspClient } from '../payments/psp-client.js'
import type { Safeguards } from '../safeguards.js'
import type { CheckoutOutcome } from './checkout-outcome.js'
import { noJournal, type CheckoutJournal } from './checkout-journal.js'
import { createOrder } from './create-order.js'
import { payOrder } from './pay-order.js'
import { runSaga, type SagaDeps } from './run-saga.js'
import type { SagaVendors } from './saga-vendors.js'

/** A checkout request's body. */
export interface CheckoutInput {
  cartId: string
  paymentMethod: string
  email?: string
}

/** What a checkout knows of the request that asked for it. */
export interface CheckoutContext {
  /** The client's Idempotency-Key, stored on the order and sent to the PSP as metadata ('' when none). */
  checkoutKey: string
  /** The game-day journey of the incoming request, passed on to the PSP as `baggage`. */
  journey?: JourneyContext | undefined
}

/**
 * The checkout's business flow, with no HTTP and no idempotency keys in it: it returns an
 * outcome, and records its progress through the {@link CheckoutJournal} it is given.
 */
export interface CheckoutCore {
  /** A new checkout: create the order (atomic) → charge at the PSP → settle (atomic). */
  start(input: CheckoutInput, context: CheckoutContext, journal?: CheckoutJournal): Promise<CheckoutOutcome>
  /** Resumes a checkout whose order exists (a retry, the completer): charge again with the same PSP key. */
  resume(
    orderId: string,
    context: Pick<CheckoutContext, 'journey'>,
    journal?: CheckoutJournal,
  ): Promise<CheckoutOutcome>
}

/** Collaborators of {@link createCheckoutCore}. */
export interface CheckoutCoreDeps {
  db: Db
  psp: PspClient
  clock: Clock
  ids: IdGenerator
  safeguards: Pick<Safeguards, 'inventory-lock' | 'psp-idempotency' | 'outbox'> &
    Partial<Pick<Safeguards, 'tax-fallback' | 'fraud-fail-open'>>
  /** The tax and fraud vendors: present, checkout runs the saga (`run-saga.ts`); absent, the PSP alone. */
  saga?: SagaVendors | undefined
  crashPoints?: CrashPoints
}

/**
 * Builds the checkout core.
 *
 * @example
 * const core = createCheckoutCore({ db, psp, clock, ids, safeguards })
 * const outcome = await core.start({ cartId, paymentMethod: 'pm_card_visa' }, { checkoutKey: 'k1' })
 * if (outcome.kind === 'paid') console.log(outcome.order.id)
 */
export function createCheckoutCore(deps: CheckoutCoreDeps): CheckoutCore {
  const { db, clock, safeguards } = deps
  const payDeps = {
    db,
    psp: deps.psp,
    clock,
    pspIdempotency: safeguards['psp-idempotency'],
    outbox: safeguards.outbox,
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  }
  const vendors = deps.saga
  const taxFallback = safeguards['tax-fallback'] ?? true
  const fraudFailOpen = safeguards['fraud-fail-open'] ?? true
  const sagaDeps: SagaDeps | undefined = vendors && {
    db,
    clock,
    vendors,
    safeguards: {
      'tax-fallback': taxFallback,
      'fraud-fail-open': fraudFailOpen,
      'psp-idempotency': safeguards['psp-idempotency'],
      outbox: safeguards.outbox,
    },
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  }
  const proceed = (stored: StoredOrder, journal: CheckoutJournal, journey: JourneyContext | undefined) =>
    sagaDeps
      ? runSaga(sagaDeps, { stored, journal, journey })
      : payOrder(payDeps, { stored, journal, journey })
  return {
    async start(input, context, journal = noJournal) {
      // Fail fast, before any order exists, while the PSP circuit is open.
      if (!deps.psp.isAvailable()) return { kind: 'circuit_open' }
      // Likewise for a saga vendor whose breaker is open and whose safeguard would not cover it.
      if (vendors && !vendors.tax.isAvailable() && !taxFallback) {
        return { kind: 'vendor_unavailable', vendor: 'tax', orderId: undefined, reason: 'circuit open' }
      }
      if (vendors && !vendors.fraud.isAvailable() && !fraudFailOpen) {
        return { kind: 'vendor_unavailable', vendor: 'fraud', orderId: undefined, reason: 'circuit open' }
      }
      const created = await createOrder(db, {
        orderId: deps.ids('ord'),
        cartId: input.cartId,
        paymentMethod: input.paymentMethod,
        email: input.email,
        checkoutKey: context.checkoutKey,
        onCreated: (tx, orderId) => journal.orderCreated(tx, orderId),
        ...(journal.orderCreatedWhenMoved
          ? { onCreatedWhenMoved: journal.orderCreatedWhenMoved.bind(journal) }
          : {}),
        inventoryLock: safeguards['inventory-lock'],
        saga: vendors !== undefined,
        now: new Date(clock.now()),
      })
      if (!created.ok) {
        await journal.finished(db, created.outcome)
        return created.outcome
      }
      deps.crashPoints?.reach('after-reserve')
      const stored = {
        order: created.order,
        lines: created.lines,
        paymentMethod: input.paymentMethod,
        email: input.email,
      }
      return proceed(stored, journal, context.journey)
    },
    async resume(orderId, context, journal = noJournal) {
      const stored = await findOrder(db, orderId)
      if (!stored) throw new Error(`Failed to resume checkout (${orderId}): order not found`)
      // An order created before the saga was configured finishes the way it started.
      return stored.order.saga || !sagaDeps
        ? proceed(stored, journal, context.journey)
        : payOrder(payDeps, { stored, journal, journey: context.journey })
    },
  }
}
