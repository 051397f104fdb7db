import type { ResolvedShopper } from '../format/resolve-scenario.js'
import type { Target } from '../target/target.js'

/** Journeys played in parallel during the warm-up. */
const LANES = 4

/**
 * A few journeys end to end before the clock starts, so the first second of the run measures
 * checkout, not JIT compilation and connection set-up in four processes. They are real orders and
 * charges (the integrity checks see them); only the figures skip them. They buy the plentiful
 * default SKU, never a scenario's scarce stock. Journey numbers are negative: never a load journey's.
 */
export async function warmUp(
  target: Target,
  options: { baseUrl: string; shopper: ResolvedShopper; count: number; keyPrefix: string },
): Promise<void> {
  const player = target.journeys({
    baseUrl: options.baseUrl,
    shopper: { ...options.shopper, sku: 'sku_tshirt' },
    connections: LANES,
  })
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.count, LANES) }, async (_, lane) => {
        for (let i = lane; i < options.count; i += LANES)
          await player.run({ index: -(i + 1), idempotencyKey: `${options.keyPrefix}-warm-${i}` })
      }),
    )
  } finally {
    await player.close()
  }
}
