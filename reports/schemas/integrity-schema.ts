/** report.json's `integrity` and `findings`: what the integrity checks found, and the evidence. */
import { Type } from '@sinclair/typebox'

import { count, minorUnits, offsetMs } from './figures.js'

/** The integrity checks a report can carry, in report order; the names of `Integrity`'s count fields. */
export const INTEGRITY_CHECKS = [
  'duplicateCharges',
  'lostOrders',
  'chargesWithoutOrder',
  'paidWithoutCapture',
  'amountMismatches',
  'refundsExceedingCaptures',
  'oversell',
  'moneyConservation',
  'stateMismatches',
  'lostEvents',
  'webhooksProcessedTwice',
  'unresolved',
  'recovered',
  'heldForReview',
  'clientCausedDuplicates',
] as const

/** One of `INTEGRITY_CHECKS`. */
export const IntegrityCheckSchema = Type.Union(INTEGRITY_CHECKS.map((check) => Type.Literal(check)))

/** A check that could not run, and why. */
export const SkippedCheckSchema = Type.Object(
  {
    check: IntegrityCheckSchema,
    reason: Type.String(),
  },
  { additionalProperties: false },
)

/** Per-currency money balance: captured − refunded should equal the paid orders' totals. */
export const CurrencyBalanceSchema = Type.Object(
  {
    captured: minorUnits('Σ captured, minor units.'),
    refunded: minorUnits('Σ refunded, minor units.'),
    paidOrders: minorUnits('Σ totals of orders with status `paid`, minor units.'),
    balanced: Type.Boolean(),
  },
  { additionalProperties: false, description: 'Captured − refunded should equal the paid orders’ totals.' },
)

const defects = (what: string) => Type.Optional(count(`${what}; present only where the check ran.`))

/**
 * Results of the integrity checks. A count is present only where its check ran; a check that
 * could not run is listed in `skipped`. `recovered`, `heldForReview` and `clientCausedDuplicates`
 * are informational and never fail.
 */
export const IntegritySchema = Type.Object(
  {
    duplicateCharges: defects('Checkouts charged more than once'),
    lostOrders: defects('Acknowledged checkouts with no order'),
    chargesWithoutOrder: defects('Captures with no order'),
    paidWithoutCapture: defects('Paid orders with no capture'),
    amountMismatches: defects('Orders whose capture differs from their total'),
    refundsExceedingCaptures: defects('PaymentIntents refunded beyond their capture'),
    oversell: defects('SKUs sold beyond their stock'),
    moneyConservation: Type.Optional(
      Type.Record(Type.String(), CurrencyBalanceSchema, {
        description: 'Keyed by lower-case ISO 4217 currency code; present only where the check ran.',
      }),
    ),
    stateMismatches: defects('Orders whose state disagrees with the PSP, tax or fraud vendor'),
    lostEvents: defects('Paid orders with no published OrderPaid'),
    webhooksProcessedTwice: defects('Webhook events processed more than once'),
    unresolved: defects('Orders left in a non-terminal status'),
    recovered: defects('Informational: checkouts that went wrong and were put right'),
    heldForReview: Type.Optional(
      count(
        'Informational: orders a fraud review (or fraud-fail-open) holds, authorised and uncaptured, until an admin decides; never unresolved.',
      ),
    ),
    clientCausedDuplicates: Type.Optional(
      count(
        'Informational: extra charges of a checkout under a fresh Idempotency-Key its client made up for a ' +
          'retry (the platform saw a new checkout); present only where the PSP ledger was read. Never fails: ' +
          'several charges under one key are `duplicateCharges`.',
      ),
    ),
    pass: Type.Boolean({
      description:
        'True when no check that ran found a defect (`recovered`, `heldForReview` and `clientCausedDuplicates` ' +
        'excluded, skipped checks do not fail).',
    }),
    skipped: Type.Optional(
      Type.Array(SkippedCheckSchema, { description: 'Present when at least one check could not run.' }),
    ),
  },
  { additionalProperties: false },
)

/** Where a timeline event came from. */
export const TimelineSourceSchema = Type.Union([
  Type.Literal('client'),
  Type.Literal('platform'),
  Type.Literal('psp'),
  Type.Literal('tax'),
  Type.Literal('fraud'),
  Type.Literal('fault'),
])

/** One event of a finding's timeline. */
export const TimelineEventSchema = Type.Object(
  {
    atMs: offsetMs('ms since the run started.'),
    source: TimelineSourceSchema,
    event: Type.String(),
  },
  { additionalProperties: false },
)

/** One defect an integrity check found, with the evidence that shows why. */
export const FindingSchema = Type.Object(
  {
    check: IntegrityCheckSchema,
    orderId: Type.Optional(Type.String()),
    idempotencyKey: Type.Optional(Type.String()),
    detail: Type.String(),
    timeline: Type.Array(TimelineEventSchema),
  },
  { additionalProperties: false },
)
