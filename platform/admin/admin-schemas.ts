import { Type, type Static } from '@sinclair/typebox'

/**
 * The ground-truth lists the admin API serves, written once: the routes' response schemas,
 * the TypeScript types (`Static<>`), and what a reader of them (the reports) can pin its input
 * schemas to in a type-level test. Times are ISO-8601 strings; money is integer minor units.
 */

/** One order as `GET /__admin/orders` lists it. */
export const AdminOrderSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  /** The client's checkout Idempotency-Key that created it. */
  idempotencyKey: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  /** Every PaymentIntent created for it, in order. */
  paymentIntentIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  /** Saga orders only: the tax charged, minor units (absent before the quote). */
  taxMinor: Type.Optional(Type.Integer()),
  /** Saga orders only: tax estimated by `tax-fallback`, a true-up is due. */
  taxEstimated: Type.Optional(Type.Boolean()),
  /** Saga orders only: `none`, `commit_pending` (the reconciler's to retry), `committed`, `voided`. */
  taxDocument: Type.Optional(Type.String()),
  /** Saga orders only: the fraud decision (`accept`, `watch`, `block`) and who made it (`vendor`, `fail_open`). */
  fraudDecision: Type.Optional(Type.String()),
  fraudSource: Type.Optional(Type.String()),
  /** Minor units refunded so far: every saga order (0 too); a PSP-only order once refunded. */
  refundedMinor: Type.Optional(Type.Integer()),
})
export type AdminOrder = Static<typeof AdminOrderSchema>

/** `GET /__admin/orders`: every order, oldest first. */
export const AdminOrdersResponseSchema = Type.Object({ orders: Type.Array(AdminOrderSchema) })
export type AdminOrdersResponse = Static<typeof AdminOrdersResponseSchema>

/** Stock of one SKU, as an oversell check reads it. */
export const AdminInventoryItemSchema = Type.Object({
  sku: Type.String(),
  /** Stock at the start of the run (or as last set through the admin API). */
  initialStock: Type.Integer(),
  /** Stock now. */
  stock: Type.Integer(),
  /** Units in paid (or since refunded) orders: above `initialStock` means oversold. */
  paidQuantity: Type.Integer(),
})
export type AdminInventoryItem = Static<typeof AdminInventoryItemSchema>

/** `GET /__admin/inventory`: every SKU. */
export const AdminInventoryResponseSchema = Type.Object({ products: Type.Array(AdminInventoryItemSchema) })
export type AdminInventoryResponse = Static<typeof AdminInventoryResponseSchema>

/** One PSP event as the platform received it. */
export const AdminWebhookEventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  /** How many deliveries were processed: above 1 only with `webhook-dedupe` off. */
  processedCount: Type.Integer(),
  receivedAt: Type.String(),
})
export type AdminWebhookEvent = Static<typeof AdminWebhookEventSchema>

/** `GET /__admin/webhooks`: every PSP event received, oldest first. */
export const AdminWebhooksResponseSchema = Type.Object({ events: Type.Array(AdminWebhookEventSchema) })
export type AdminWebhooksResponse = Static<typeof AdminWebhooksResponseSchema>

/** One event the subscriber received (`OrderPaid` for now). */
export const AdminPublishedEventSchema = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  orderId: Type.String(),
  publishedAt: Type.String(),
})
export type AdminPublishedEvent = Static<typeof AdminPublishedEventSchema>

/** `GET /__admin/events`: every published event, oldest first. */
export const AdminEventsResponseSchema = Type.Object({ events: Type.Array(AdminPublishedEventSchema) })
export type AdminEventsResponse = Static<typeof AdminEventsResponseSchema>
