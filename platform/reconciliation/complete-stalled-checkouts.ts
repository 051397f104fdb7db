import { payOrder } from '../checkout/pay-order.js'
import type { Clock } from '../clock.js'
import type { Db } from '../db/db.js'
import { releaseIdempotencyKey } from '../idempotency/idempotency-keys.js'
import { claimStalledKeys } from '../idempotency/stalled-keys.js'
import { findOrder } from '../orders/order-repo.js'
import type { PspClient } from '../payments/psp-client.js'

/** Collaborators of {@link completeStalledCheckouts}. */
export interface CompleterDeps {
  db: Db
  psp: PspClient
  clock: Clock
  pspIdempotency: boolean
  outbox: boolean
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
 * @returns how many it resolved (paid or failed); ones still indeterminate wait for the next pass.
 */
export async function completeStalledCheckouts(
  deps: CompleterDeps,
  options: { olderThanMs: number; limit: number },
): Promise<number> {
  const now = deps.clock.now()
  const claimed = await claimStalledKeys(deps.db, {
    now,
    updatedBefore: new Date(now.getTime() - options.olderThanMs),
    lockedBefore: new Date(now.getTime() - deps.lockTtlMs),
    bootId: deps.bootId,
    limit: options.limit,
  })
  let resolved = 0
  for (const { key, orderId } of claimed) {
    try {
      const stored = await findOrder(deps.db, orderId)
      if (!stored) {
        await releaseIdempotencyKey(deps.db, key, deps.clock.now())
        continue
      }
      const response = await payOrder(deps, { stored, idempotencyKey: key })
      if (response.status !== 502 || (response.body as { code?: string }).code !== 'PSP_UNAVAILABLE')
        resolved++
    } catch (err) {
      await releaseIdempotencyKey(deps.db, key, deps.clock.now()).catch(() => {})
      throw err
    }
  }
  return resolved
}
