import type { AppDeps } from '../app-deps.js'
import { lockTtlMs } from '../idempotency/lock-ttl.js'
import { createCheckoutCore, type CheckoutCore } from './checkout-core.js'
import { checkoutResponse } from './checkout-response.js'
import { withIdempotency, type IdempotentCheckout } from './idempotent-checkout.js'

/** The checkout core and, with the `idempotency` safeguard on, the idempotency layer around it. */
export interface CheckoutLayers {
  core: CheckoutCore
  idempotency: IdempotentCheckout | undefined
}

/**
 * Assembles the checkout as the app and the completer of stalled checkouts both use it. The
 * `idempotency` safeguard off leaves the layer out altogether.
 *
 * @example const { core, idempotency } = checkoutLayers({ db, psp, clock, ids, config, bootId: 1 })
 */
export function checkoutLayers(
  deps: Pick<AppDeps, 'db' | 'psp' | 'clock' | 'ids' | 'config' | 'crashPoints' | 'bootId' | 'saga'>,
): CheckoutLayers {
  const { db, clock, config } = deps
  const core = createCheckoutCore({
    db,
    psp: deps.psp,
    clock,
    ids: deps.ids,
    safeguards: config.safeguards,
    saga: deps.saga,
    ...(deps.crashPoints ? { crashPoints: deps.crashPoints } : {}),
  })
  const idempotency = config.safeguards.idempotency
    ? withIdempotency(core, {
        db,
        clock,
        respond: checkoutResponse,
        lockTtlMs: lockTtlMs(config),
        // Read on each checkout: the platform builds the app before its boot is recorded.
        get bootId() {
          return deps.bootId ?? 0
        },
      })
    : undefined
  return { core, idempotency }
}
