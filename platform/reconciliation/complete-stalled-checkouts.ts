import type { Clock } from '../../lib/clock.js'
import type { IdempotentCheckout } from '../checkout/idempotent-checkout.js'
import { isFinalOutcome } from '../checkout/checkout-outcome.js'
import type { Db } from '../db/db.js'
import { claimStalledKeys } from '../idempotency/stalled-keys.js'
import { findOrder } from '../orders/order-repo.js'
import { COMPLETER_PASS_ID, recordRepair } from './reconciliation-store.js'

/** Collaborators of {@link completeStalledCheckouts}. */
export interface CompleterDeps {
  db: Db
  clock: Clock
  /** The checkout with its idempotency layer: resumes a claimed key as a client retry would. */
  checkouts: Pick<IdempotentCheckout, 'resumeClaimed'>
  bootId: number
  /** A lock older than this is stale (its holder hung). */
  lockTtlMs: number
}

/**
 * Brandur Leach's completer: finishes checkouts that stalled at `order_created` (a lost PSP
 * response the client never retried, a crash mid-checkout) by resuming them exactly as a client
 * retry would — the same PSP key, so the PSP replays the first outcome rather than charging
 * again — and saving the response, which a later client retry then replays.
 *
 * Each checkout it brings to a final outcome is recorded as a `checkout_resumed` repair (outside
 * any pass), so the reconciliation report shows who resolved the order: the completer usually
 * reaches a crashed checkout before a pass would see it as stalled.
 *
 * @note Its PSP calls carry no journey: the order does not record the one it was made for.
 * @returns how many it resolved (paid or failed); ones still indeterminate wait for the next pass.
 */
export async function completeStalledCheckouts(
  deps: CompleterDeps,
  options: { olderThanMs: number; limit: number },
): Promise<number> {
  return (await completerPass(deps, options)).resolved
}

/**
 * One pass of {@link completeStalledCheckouts}, also saying how many keys it claimed: a pass that
 * claimed none was idle (the periodic job backs off on those, see `skipWhileIdle`).
 */
export async function completerPass(
  deps: CompleterDeps,
  options: { olderThanMs: number; limit: number },
): Promise<{ claimed: number; resolved: number }> {
  const nowMs = deps.clock.now()
  const claimed = await claimStalledKeys(deps.db, {
    now: new Date(nowMs),
    updatedBefore: new Date(nowMs - options.olderThanMs),
    lockedBefore: new Date(nowMs - deps.lockTtlMs),
    bootId: deps.bootId,
    limit: options.limit,
  })
  let resolved = 0
  for (const { key, orderId } of claimed) {
    const outcome = await deps.checkouts.resumeClaimed(key, orderId, {})
    if (!isFinalOutcome(outcome)) continue
    resolved++
    const order = (await findOrder(deps.db, orderId))?.order
    await recordRepair(deps.db, COMPLETER_PASS_ID, {
      kind: 'checkout_resumed',
      orderId,
      paymentIntentId: order?.paymentIntentIds.at(-1) ?? '',
      evidence: {
        stalledAt: 'order_created',
        outcome: outcome.kind,
        orderStatus: order?.status ?? 'unknown',
      },
      atMs: deps.clock.now(),
    })
  }
  return { claimed: claimed.length, resolved }
}
