import type { Clock } from '../../lib/clock.js'
import type { JourneyContext } from '../../lib/journey-context.js'
import { releaseStock, writeBackStock } from '../catalog/stock.js'
import type { CrashPoints } from '../chaos-hooks/crash-points.js'
import type { Db, Queryable } from '../db/db.js'
import { failOpenCategory } from '../fraud/fail-open.js'
import { applyToCarried, type CarriedStep } from '../orders/apply-carried.js'
import { applyOrderEventIfUnchanged, findOrder, type StoredOrder } from '../orders/order-repo.js'
import { transition, type Order, type OrderEvent, type OrderSaga } from '../orders/order-state.js'
import { publishAfterCommit } from '../outbox/after-commit-publisher.js'
import { enqueueOrderPaid, orderPaidWhenMoved } from '../outbox/order-events.js'
import { noteOutboxWrite } from '../outbox/relay-gate.js'
import { sagaPspKeys } from '../payments/psp-manual-capture.js'
import type { Safeguards } from '../safeguards.js'
import type { TaxRequest } from '../tax/tax-client.js'
import { VendorError } from '../vendors/vendor-errors.js'
import { isFinalOutcome, outcomeForOrder, type CheckoutOutcome } from './checkout-outcome.js'
import type { CheckoutJournal } from './checkout-journal.js'
import { compensate } from './saga-compensate.js'
import type { SagaVendors } from './saga-vendors.js'

/** Collaborators of {@link runSaga}. */
export interface SagaDeps {
  db: Db
  clock: Clock
  vendors: SagaVendors
  safeguards: Pick<Safeguards, 'tax-fallback' | 'fraud-fail-open' | 'psp-idempotency' | 'outbox'>
  crashPoints?: CrashPoints
}

/** What one run of the saga works on. */
export interface SagaInput {
  stored: StoredOrder
  journal: CheckoutJournal
  journey?: JourneyContext | undefined
}

/** More steps than any order takes (quote, assess, authorise, capture, commit): a loop guard. */
const MAX_STEPS = 12

/**
 * The checkout saga, from wherever the order stands: tax quote (SalesOrder) → fraud assessment →
 * PSP authorisation (manual capture) → capture → tax commit (SalesInvoice, committed) → paid.
 * Each step is one transaction that records the order's transition with its cause, so a resume
 * (a client retry, the completer, an admin's approval) continues from the last recorded step
 * with the same PSP keys. A failure before capture compensates in reverse (`compensate`); after
 * capture nothing is undone: a failed tax commit leaves the order paid with its commit pending.
 * A fraud `watch` stops at `held_for_review` until an admin decides.
 *
 * @example const outcome = await runSaga(deps, { stored, journal, journey })
 */
export async function runSaga(deps: SagaDeps, input: SagaInput): Promise<CheckoutOutcome> {
  const { journal, journey } = input
  let stored = input.stored
  for (let step = 0; step < MAX_STEPS; step++) {
    const { order } = stored
    const saga = order.saga
    if (!saga) throw new Error(`Failed to run the checkout saga (${order.id}): the order has no saga state`)
    let next: StoredOrder | CheckoutOutcome
    switch (order.status) {
      case 'payment_pending':
        next = !saga.tax
          ? await quoteTax(deps, stored, saga, input)
          : !saga.fraud
            ? await assessFraud(deps, stored, input)
            : saga.fraud.category === 'block'
              ? await compensate(deps, {
                  stored,
                  reason: 'FRAUD_REJECTED',
                  cause: 'fraud decision: block',
                  outcome: { kind: 'fraud_rejected', orderId: order.id, by: 'vendor' },
                  journal,
                  journey,
                })
              : await authorize(deps, stored, saga, input)
        break
      case 'authorized':
        next = await capture(deps, stored, input)
        break
      case 'paid':
        if (saga.taxDocument === 'commit_pending') await commitTax(deps, stored, journey)
        // Captured in this run: its transaction journaled the answer already.
        next = step === 0 ? await answer(deps, order.id, journal) : { kind: 'paid', order }
        break
      case 'held_for_review':
      case 'pending':
      case 'failed':
      case 'refunded':
        next = await answer(deps, order.id, journal)
        break
      default: {
        const never: never = order
        return never
      }
    }
    if ('kind' in next) return next
    stored = next
  }
  throw new Error(`Failed to run the checkout saga (${stored.order.id}): no end after ${MAX_STEPS} steps`)
}

/** The outcome of an order as it stands, journaled when it is final. */
async function answer(deps: SagaDeps, orderId: string, journal: CheckoutJournal): Promise<CheckoutOutcome> {
  const current = await findOrder(deps.db, orderId)
  if (!current) throw new Error(`Failed to answer for order (${orderId}): not found`)
  const outcome = outcomeForOrder(current.order)
  if (isFinalOutcome(outcome)) await journal.finished(deps.db, outcome)
  return outcome
}

/**
 * Applies one step's event to the order this run carries, atomically on its own (one statement when
 * the row is as carried); returns the order as it is now either way.
 */
async function record(
  deps: SagaDeps,
  stored: StoredOrder,
  event: OrderEvent,
  cause?: string,
): Promise<StoredOrder> {
  return (await applyToCarried(deps.db, stored, event, new Date(deps.clock.now()), cause)).stored
}

function taxRequest(stored: StoredOrder, journey: JourneyContext | undefined): TaxRequest {
  const { order } = stored
  return {
    orderId: order.id,
    customerCode: stored.email ?? `guest_${order.id}`,
    currency: order.total.currency,
    lines: stored.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      amountMinor: l.unitPriceMinor * l.quantity,
    })),
    journey,
  }
}

function describe(err: unknown): string {
  return err instanceof VendorError
    ? `${err.code}: ${err.message}`
    : err instanceof Error
      ? err.message
      : String(err)
}

async function quoteTax(
  deps: SagaDeps,
  stored: StoredOrder,
  saga: OrderSaga,
  input: SagaInput,
): Promise<StoredOrder | CheckoutOutcome> {
  const { vendors } = deps
  const orderId = stored.order.id
  try {
    const { tax } = await vendors.tax.quote(taxRequest(stored, input.journey))
    deps.crashPoints?.reach('after-tax-quote')
    vendors.taxRates.learn(saga.subtotal, tax)
    return record(deps, stored, { type: 'tax_quoted', tax, estimated: false }, 'SalesOrder quote')
  } catch (err) {
    if (deps.safeguards['tax-fallback']) {
      const tax = vendors.taxRates.estimate(saga.subtotal)
      return record(
        deps,
        stored,
        { type: 'tax_quoted', tax, estimated: true },
        `tax-fallback at ${vendors.taxRates.rateBps()} bps: ${describe(err)}`,
      )
    }
    return compensate(deps, {
      stored,
      reason: 'TAX_UNAVAILABLE',
      cause: describe(err),
      outcome: { kind: 'vendor_unavailable', vendor: 'tax', orderId, reason: describe(err) },
      journal: input.journal,
      journey: input.journey,
    })
  }
}

async function assessFraud(
  deps: SagaDeps,
  stored: StoredOrder,
  input: SagaInput,
): Promise<StoredOrder | CheckoutOutcome> {
  const { order } = stored
  try {
    const assessment = await deps.vendors.fraud.assess({
      orderId: order.id,
      email: stored.email,
      amount: order.total,
      journey: input.journey,
    })
    deps.crashPoints?.reach('after-fraud-decision')
    return record(
      deps,
      stored,
      { type: 'fraud_assessed', category: assessment.category, source: 'vendor' },
      `decision ${assessment.decisionId ?? 'none'}, score ${assessment.score ?? 'none'}`,
    )
  } catch (err) {
    if (deps.safeguards['fraud-fail-open']) {
      const limit = deps.vendors.failOpenLimits[order.total.currency]
      const category = failOpenCategory(order.total, deps.vendors.failOpenLimits)
      return record(
        deps,
        stored,
        { type: 'fraud_assessed', category, source: 'fail_open' },
        `fraud-fail-open, limit ${limit} ${order.total.currency}: ${describe(err)}`,
      )
    }
    return compensate(deps, {
      stored,
      reason: 'FRAUD_UNAVAILABLE',
      cause: describe(err),
      outcome: { kind: 'vendor_unavailable', vendor: 'fraud', orderId: order.id, reason: describe(err) },
      journal: input.journal,
      journey: input.journey,
    })
  }
}

async function authorize(
  deps: SagaDeps,
  stored: StoredOrder,
  saga: OrderSaga,
  input: SagaInput,
): Promise<StoredOrder | CheckoutOutcome> {
  const { order } = stored
  const outcome = await deps.vendors.psp.authorize({
    orderId: order.id,
    amount: order.total,
    paymentMethod: stored.paymentMethod,
    checkoutKey: order.checkoutKey,
    idempotencyKey: deps.safeguards['psp-idempotency'] ? sagaPspKeys.authorize(order.id) : undefined,
    ...(input.journey ? { journey: input.journey } : {}),
  })
  if (outcome.kind === 'indeterminate') {
    return { kind: 'payment_indeterminate', orderId: order.id, reason: outcome.reason }
  }
  if (outcome.kind === 'succeeded') {
    deps.crashPoints?.reach('after-psp-authorize')
    const hold = saga.fraud?.category === 'watch'
    // Held: the answer is final, so it is journaled with the transition. Not held: one statement.
    const journalHeld = async (tx: Queryable, { result }: CarriedStep) => {
      if (result.ok && result.order.status === 'held_for_review') {
        await input.journal.finished(tx, { kind: 'held_for_review', order: result.order })
      }
    }
    const moved = await applyToCarried(
      deps.db,
      stored,
      { type: 'payment_authorized', paymentIntentId: outcome.paymentIntentId, hold },
      new Date(deps.clock.now()),
      hold ? `fraud ${saga.fraud?.source === 'fail_open' ? 'fail-open hold' : 'watch'}` : 'manual capture',
      hold ? journalHeld : undefined,
    )
    return moved.stored
  }
  // A definite refusal: nothing is held, so only the stock needs giving back.
  const reason =
    outcome.kind === 'declined'
      ? 'CARD_DECLINED'
      : outcome.kind === 'requires_action'
        ? 'PAYMENT_ACTION_REQUIRED'
        : 'PSP_REJECTED'
  let settled: CheckoutOutcome | undefined
  await applyToCarried(
    deps.db,
    stored,
    { type: 'payment_failed', reason },
    new Date(deps.clock.now()),
    'authorisation refused',
    async (tx, { result, stored: now }) => {
      if (result.ok) await releaseStock(tx, stored.lines)
      const current = now.order
      settled =
        outcome.kind === 'rejected' && current.status === 'failed'
          ? { kind: 'psp_rejected', orderId: order.id, pspCode: outcome.pspCode }
          : outcomeForOrder(current, outcome.kind === 'declined' ? outcome.declineCode : undefined)
      await input.journal.finished(tx, settled)
    },
  )
  if (!settled) throw new Error(`Failed to fail order (${order.id}): no outcome`)
  return settled
}

async function capture(
  deps: SagaDeps,
  stored: StoredOrder,
  input: SagaInput,
): Promise<StoredOrder | CheckoutOutcome> {
  const { order } = stored
  if (order.status !== 'authorized')
    throw new Error(`Failed to capture order (${order.id}): it is ${order.status}`)
  const captured = await deps.vendors.psp.capture({
    orderId: order.id,
    paymentIntentId: order.paymentIntentId,
    idempotencyKey: deps.safeguards['psp-idempotency'] ? sagaPspKeys.capture(order.id) : undefined,
    ...(input.journey ? { journey: input.journey } : {}),
  })
  if (captured.kind === 'indeterminate') {
    return { kind: 'payment_indeterminate', orderId: order.id, reason: captured.reason }
  }
  if (captured.kind === 'failed') {
    return compensate(deps, {
      stored,
      reason: 'PSP_REJECTED',
      cause: `capture refused: ${captured.pspCode}`,
      outcome: { kind: 'psp_rejected', orderId: order.id, pspCode: captured.pspCode },
      journal: input.journal,
      journey: input.journey,
    })
  }
  deps.crashPoints?.reach('after-psp-charge')
  const now = new Date(deps.clock.now())
  const cause = `captured ${order.paymentIntentId}`
  const oneStatement = await captureInOneStatement(deps, stored, input.journal, now, cause)
  if (oneStatement) {
    afterPaid(deps, order.id, now)
    return oneStatement
  }
  let paid: Order | undefined
  const { stored: current } = await applyToCarried(
    deps.db,
    stored,
    { type: 'payment_captured' },
    now,
    cause,
    async (tx, { result }) => {
      if (!result.ok || result.order.status !== 'paid') return
      paid = result.order
      await writeBackStock(tx, stored.lines)
      if (deps.safeguards.outbox) await enqueueOrderPaid(tx, order.id, now)
      await input.journal.finished(tx, { kind: 'paid', order: result.order })
    },
  )
  if (paid) afterPaid(deps, order.id, now)
  return current
}

/**
 * The usual capture — the order still as this run carries it, its stock taken at creation — as one
 * statement with no transaction: the paid state and its transition, the OrderPaid outbox row and
 * the journal's saved answer, each written only when the order is (`WhenMoved`). `undefined` when
 * that road is closed (stock to write back, a journal that cannot ride along) or the row moved:
 * the caller then takes the transaction.
 */
async function captureInOneStatement(
  deps: SagaDeps,
  stored: StoredOrder,
  journal: CheckoutJournal,
  now: Date,
  cause: string,
): Promise<StoredOrder | undefined> {
  const { order } = stored
  const captured = transition(order, { type: 'payment_captured' })
  if (!captured.ok || captured.order.status !== 'paid' || !journal.finishedWhenMoved) return undefined
  if (stored.lines.some((line) => line.stockSeen !== undefined)) return undefined
  const answer = journal.finishedWhenMoved({ kind: 'paid', order: captured.order })
  const alongside = [
    ...(deps.safeguards.outbox ? [orderPaidWhenMoved(order.id, now)] : []),
    ...(answer ? [answer] : []),
  ]
  const moved = await applyOrderEventIfUnchanged(
    deps.db,
    stored,
    { type: 'payment_captured' },
    now,
    cause,
    undefined,
    alongside,
  )
  if (!moved) return undefined
  if (deps.safeguards.outbox) noteOutboxWrite()
  return moved.stored
}

/** After the paying write committed: the crash point of the gap, and the publish without the outbox. */
function afterPaid(deps: SagaDeps, orderId: string, now: Date): void {
  deps.crashPoints?.reach('after-commit-before-publish')
  if (!deps.safeguards.outbox) publishAfterCommit(deps.db, orderId, now)
}

/** The tax commit after capture: never undoes the payment; a failure is recorded and stays pending. */
async function commitTax(
  deps: SagaDeps,
  stored: StoredOrder,
  journey: JourneyContext | undefined,
): Promise<void> {
  try {
    const { documentCode, tax } = await deps.vendors.tax.commit(taxRequest(stored, journey))
    deps.crashPoints?.reach('after-tax-commit')
    await record(
      deps,
      stored,
      { type: 'tax_committed' },
      `SalesInvoice ${documentCode}, tax ${tax.amount} ${tax.currency}`,
    )
  } catch (err) {
    await record(deps, stored, { type: 'tax_commit_failed' }, `commit pending: ${describe(err)}`)
  }
}
