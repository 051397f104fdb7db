import { stopwatch, systemClock } from '../../lib/clock.js'
import { playAbandonedCart, playBrowse, playView } from './browse-journeys.js'
import { playCheckout } from './checkout-journey.js'
import { createHttpSteps } from './http-step.js'
import { playRefund, playStatus } from './order-journeys.js'
import { createOrderMemory } from './order-memory.js'
import type { PlayerContext } from './player-context.js'
import type { JourneyOptions, JourneyPlayer } from './target.js'

/**
 * The reference platform's player of every journey kind (`JourneyKind`). One per run: it owns the
 * connections and remembers the run's orders (bounded) for its `status` and `refund` journeys.
 *
 * @example
 * const player = createShopperJourneys({ baseUrl, shopper: SHOPPER_DEFAULTS })
 * await player.run({ index: 0, idempotencyKey: 'k-0' }) // a patient shopper's checkout
 */
export function createShopperJourneys(options: JourneyOptions): JourneyPlayer {
  const now = options.now ?? stopwatch(systemClock).elapsed
  const ctx: PlayerContext = {
    http: createHttpSteps({
      baseUrl: options.baseUrl,
      timeoutMs: options.shopper.timeoutMs,
      keepAlive: options.shopper.keepAlive,
      now,
      ...(options.connections !== undefined ? { connections: options.connections } : {}),
    }),
    shopper: options.shopper,
    orders: createOrderMemory(),
  }
  return {
    run(ref, observe) {
      const kind = ref.kind ?? 'checkout'
      switch (kind) {
        case 'checkout':
          return playCheckout(ctx, ref, observe)
        case 'browse':
          return playBrowse(ctx, ref, observe)
        case 'view':
          return playView(ctx, ref, observe)
        case 'cart':
          return playAbandonedCart(ctx, ref, observe)
        case 'status':
          return playStatus(ctx, ref, observe)
        case 'refund':
          return playRefund(ctx, ref, observe)
        default: {
          const never: never = kind
          throw new Error(`Failed to play a journey (${ref.index}): unknown kind ${String(never)}`)
        }
      }
    },
    close: () => ctx.http.close(),
  }
}
