/**
 * The ground truth a game day reads after the run, one schema per list item: the PSP
 * simulator's `GET /__admin/ledger`, the tax simulator's `GET /__admin/transactions`, the fraud
 * simulator's `GET /__admin/ledger` and the platform's `GET /__admin/orders`, `/inventory`,
 * `/events` and `/webhooks`. Fields not named here are allowed (a source may add fields
 * without breaking the reader); a named field missing or of another type is an error.
 */
import { Type } from '@sinclair/typebox'

import { count, isoTime, minorUnits } from './figures.js'

/** One entry of the PSP simulator's ledger: the ground truth of money moved. */
export const LedgerEntrySchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Union([
      Type.Literal('authorization'),
      Type.Literal('capture'),
      Type.Literal('refund'),
      Type.Literal('cancel'),
    ]),
    paymentIntentId: Type.String(),
    amount: minorUnits('Integer minor units.'),
    currency: Type.String({ description: 'ISO 4217, lower case as Stripe writes it.' }),
    idempotencyKey: Type.Union([Type.String(), Type.Null()], {
      description: 'The Idempotency-Key of the PSP request that caused it, if any.',
    }),
    metadata: Type.Record(Type.String(), Type.String(), {
      description: "The PaymentIntent's metadata: the platform sets `order_id` and `checkout_key`.",
    }),
    createdAt: isoTime('When the PSP recorded it.'),
  },
  { description: "One entry of the PSP simulator's ledger (GET /__admin/ledger → entries)." },
)

/** One order as the platform's admin API lists it. */
export const PlatformOrderSchema = Type.Object(
  {
    id: Type.String(),
    status: Type.String(),
    idempotencyKey: Type.String({ description: "The client's checkout Idempotency-Key that created it." }),
    amountMinor: minorUnits('Order total, integer minor units.'),
    currency: Type.String(),
    paymentIntentIds: Type.Array(Type.String(), {
      description: 'Every PaymentIntent the platform created for it, in order.',
    }),
    createdAt: isoTime('When the platform created it.'),
    // Saga orders only: absent on PSP-only orders and on targets that do not say.
    taxMinor: Type.Optional(minorUnits('The tax charged, integer minor units.')),
    taxEstimated: Type.Optional(Type.Boolean({ description: 'Tax estimated by `tax-fallback`.' })),
    taxDocument: Type.Optional(
      Type.String({
        description: '`none`, `commit_pending`, `committed` or `voided`: where its invoice stands.',
      }),
    ),
    fraudDecision: Type.Optional(Type.String({ description: '`accept`, `watch` or `block`.' })),
    fraudSource: Type.Optional(
      Type.String({ description: '`vendor`, or `fail_open` when `fraud-fail-open` decided.' }),
    ),
    refundedMinor: Type.Optional(minorUnits('Refunded so far, integer minor units.')),
  },
  { description: 'One order of the platform (GET /__admin/orders → orders).' },
)

/** One SKU's stock as the platform's admin API reports it after the run. */
export const InventoryItemSchema = Type.Object(
  {
    sku: Type.String(),
    initialStock: Type.Integer({ description: 'Stock when the run started.' }),
    stock: Type.Integer({ description: 'Stock now.' }),
    paidQuantity: count('Units in paid (or since refunded) orders.'),
  },
  { description: "One SKU's stock (GET /__admin/inventory → products)." },
)

/** An event the platform published (its outbox relay's output), as its admin API lists it. */
export const PublishedEventSchema = Type.Object(
  {
    eventId: Type.String(),
    type: Type.String({ description: 'e.g. `OrderPaid`.' }),
    orderId: Type.String(),
  },
  { description: 'One event the platform published (GET /__admin/events → events).' },
)

/** A PSP webhook event the platform received, with how many of its deliveries it processed. */
export const ReceivedWebhookSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    orderId: Type.Union([Type.String(), Type.Null()]),
    processedCount: count('How many of its deliveries the platform processed.'),
  },
  { description: 'One PSP webhook event the platform received (GET /__admin/webhooks → events).' },
)

/** One tax document the tax simulator holds (AvaTax transactions, saved ones only: quotes are not). */
export const TaxTransactionSchema = Type.Object(
  {
    code: Type.String({ description: 'The document code: the platform uses the order id.' }),
    type: Type.String({ description: '`SalesInvoice`, `ReturnInvoice`, …' }),
    status: Type.String({ description: '`Saved`, `Committed`, `Cancelled` (voided), `Adjusted`, …' }),
    referenceCode: Type.Union([Type.String(), Type.Null()], {
      description: "A return's original document code.",
    }),
    totalTaxMinor: minorUnits('Tax of the document, integer minor units.'),
    currencyCode: Type.String(),
    modifiedDate: Type.String(),
  },
  { description: 'One saved tax document (tax simulator GET /__admin/transactions → transactions).' },
)

/** One workflow decision of the fraud simulator. */
export const FraudDecisionSchema = Type.Object(
  {
    orderId: Type.Union([Type.String(), Type.Null()], {
      description: '`$order_id`, null for a user decision.',
    }),
    decision: Type.Object({
      id: Type.String(),
      category: Type.String({ description: '`accept`, `watch` or `block`.' }),
    }),
    createdAt: isoTime('When the fraud simulator decided.'),
  },
  { description: 'One fraud decision (fraud simulator GET /__admin/ledger → entries).' },
)
