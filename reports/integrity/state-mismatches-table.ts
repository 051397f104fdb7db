/**
 * The combinations of order state × PaymentIntent state × tax document × fraud decision that a
 * correct run may leave behind, written once as data: `stateMismatches` judges every order
 * against it, and docs/integrity-checks.md prints the same table.
 */

/** What the PSP's ledger says of one PaymentIntent (authorisation, capture, refund and cancel entries). */
export type PaymentState =
  /** No entry: never authorised (declined, refused, or never reached). */
  | 'none'
  /** Authorised, neither captured nor canceled: the money is held. */
  | 'authorized'
  /** Authorised, then the hold canceled. */
  | 'canceled'
  /** Captured, nothing refunded. */
  | 'captured'
  /** Captured, part of it refunded. */
  | 'partially_refunded'
  /** Captured and refunded in full. */
  | 'refunded'

/** What the tax vendor holds for the order's document code (the order id). */
export type TaxState =
  /** No saved document: only quotes (SalesOrder, never saved) or nothing. */
  | 'none'
  /** A SalesInvoice saved, not committed. */
  | 'uncommitted'
  | 'committed'
  | 'voided'
  /** Committed, with a ReturnInvoice against it (all or part). */
  | 'refunded'

/** The fraud decision: the order's own (`fraudDecision`), or the fraud vendor's latest for it. */
export type FraudCategory = 'none' | 'accept' | 'watch' | 'block'

/** The order statuses the table knows; an order in another status (a custom target's) is not judged. */
export type JudgedStatus =
  'pending' | 'payment_pending' | 'authorized' | 'held_for_review' | 'paid' | 'failed' | 'refunded'

/** What an order in one status may be combined with. */
export interface AllowedCombination {
  /**
   * `one`: the order settled on one intent, and one of its intents must be in an allowed state
   * (extra intents are duplicateCharges' to judge). `every`: no intent may be outside it.
   */
  intents: 'one' | 'every'
  payment: readonly PaymentState[]
  /**
   * Saga orders only: the order's own `taxDocument` → what the tax vendor may hold for it. A
   * `taxDocument` not listed is itself a mismatch.
   */
  tax: Readonly<Record<string, readonly TaxState[]>>
  /** Saga orders only: the order's own fraud decision (`none`: not assessed yet). */
  fraud: readonly FraudCategory[]
}

/** A commit after capture may have gone through with its answer lost: pending may meet committed. */
const COMMIT_PENDING: readonly TaxState[] = ['none', 'uncommitted', 'committed']
const COMMITTED: readonly TaxState[] = ['committed', 'refunded']

/**
 * Order status → the allowed combination. `paid` ⇒ captured, tax committed or its commit flagged
 * pending; `failed` ⇒ nothing captured (or all of it refunded), any hold canceled, no live tax
 * document; `authorized` / `held_for_review` ⇒ held, not captured; `refunded` ⇒ refunds equal the
 * capture.
 */
export const ALLOWED_COMBINATIONS: Readonly<Record<JudgedStatus, AllowedCombination>> = {
  pending: { intents: 'every', payment: ['none'], tax: { none: ['none'] }, fraud: ['none'] },
  payment_pending: {
    intents: 'every',
    // Mid-saga: a hold whose answer was lost, or one the PSP canceled; never money taken.
    payment: ['none', 'authorized', 'canceled'],
    tax: { none: ['none'] },
    fraud: ['none', 'accept', 'watch', 'block'],
  },
  authorized: {
    intents: 'one',
    payment: ['authorized'],
    tax: { none: ['none'] },
    fraud: ['accept', 'watch'],
  },
  held_for_review: { intents: 'one', payment: ['authorized'], tax: { none: ['none'] }, fraud: ['watch'] },
  paid: {
    intents: 'one',
    payment: ['captured', 'partially_refunded'],
    tax: { commit_pending: COMMIT_PENDING, committed: COMMITTED },
    fraud: ['accept', 'watch'],
  },
  failed: {
    intents: 'every',
    payment: ['none', 'canceled', 'refunded'],
    tax: { none: ['none', 'voided'], voided: ['none', 'voided'] },
    fraud: ['none', 'accept', 'watch', 'block'],
  },
  refunded: {
    intents: 'one',
    payment: ['refunded'],
    // A refund's tax return may still be pending (it never holds the money back).
    tax: { commit_pending: COMMIT_PENDING, committed: COMMITTED },
    fraud: ['accept', 'watch'],
  },
}

/** Fraud decisions that forbid any payment: a blocked order is never authorised. */
export const FRAUD_PAYMENT: Readonly<Partial<Record<FraudCategory, readonly PaymentState[]>>> = {
  block: ['none'],
}

/** Whether `status` is one the table judges. */
export function isJudgedStatus(status: string): status is JudgedStatus {
  return Object.hasOwn(ALLOWED_COMBINATIONS, status)
}
