/**
 * The ground truth a game day reads after the run, one schema per list item: the PSP
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
