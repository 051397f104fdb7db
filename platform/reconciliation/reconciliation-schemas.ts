import { Type, type Static } from '@sinclair/typebox'

/**
 * The reconciler's admin contract: `GET /__admin/reconciliation` and `POST /__admin/reconcile`.
 * Times are epoch milliseconds; money is integer minor units.
 */

/** One repair the reconciler made, with what it saw before it. */
export const RepairSchema = Type.Object({
  /** See {@link RepairKind}. */
  kind: Type.String(),
  orderId: Type.Optional(Type.String()),
  /** The PaymentIntent repaired or the order's ('' for an order with none). */
  paymentIntentId: Type.String(),
  /** The intent's id, status and amounts, what the order said, and the order's history before. */
  evidence: Type.Record(Type.String(), Type.Unknown()),
  atMs: Type.Integer(),
})
export type Repair = Static<typeof RepairSchema>

/** What the reconciler found and could not repair (or whose repair failed, until it succeeds). */
export const MismatchSchema = Type.Object({
  kind: Type.String(),
  orderId: Type.Optional(Type.String()),
  paymentIntentId: Type.Optional(Type.String()),
  detail: Type.String(),
})
export type Mismatch = Static<typeof MismatchSchema>

/** `GET /__admin/reconciliation`: every pass of this database so far, accumulated. */
export const ReconciliationReportSchema = Type.Object({
  /** Distinct orders compared over all passes. */
  ordersChecked: Type.Integer(),
  /** Distinct PaymentIntents compared over all passes. */
  paymentsChecked: Type.Integer(),
  repaired: Type.Array(RepairSchema),
  /** Unresolved mismatches only. */
  mismatches: Type.Array(MismatchSchema),
  unrepaired: Type.Integer(),
  /** (repaired + unrepaired) / max(1, ordersChecked), 0–1 or above. */
  discrepancyRate: Type.Number(),
  passes: Type.Integer(),
})
export type ReconciliationReport = Static<typeof ReconciliationReportSchema>

/** `POST /__admin/reconcile` body (optional). */
export const ReconcileBodySchema = Type.Union([
  Type.Null(),
  Type.Object(
    {
      /** Orders untouched this long count as stalled (their saga died). @default 5000 */
      stalledAfterMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
    },
    { additionalProperties: false },
  ),
])
export type ReconcileBody = Static<typeof ReconcileBodySchema>

/** `POST /__admin/reconcile`: whether a pass ran (not with the `reconciler` safeguard off) and the report after it. */
export const ReconcileResponseSchema = Type.Object({
  ran: Type.Boolean(),
  /** Why it did not run. */
  reason: Type.Optional(Type.String()),
  /** This pass's own counts. */
  pass: Type.Optional(
    Type.Object({
      ordersChecked: Type.Integer(),
      paymentsChecked: Type.Integer(),
      repaired: Type.Integer(),
      mismatches: Type.Integer(),
      truncated: Type.Boolean(),
    }),
  ),
  report: ReconciliationReportSchema,
})
export type ReconcileResponse = Static<typeof ReconcileResponseSchema>
