import { createRandom, deriveSeed, type Random } from '../../lib/random.js'
import { mixKinds } from '../format/phase-plan.js'
import type { JourneyKind, ShopperPopulation, TrafficMix } from '../format/scenario.js'
import type { Shopper } from '../target/target.js'

/**
 * Shopper `id`'s behaviour: a pure function of (seed, id), so shopper 42 is the same impatient or
 * patient shopper whichever arrival, workload or phase they turn up in.
 * @example shopperOf(7, 42, { size: 1000, impatient: 0.1, impatientAfterMs: 1000, freshKeyRetry: 0 })
 */
export function shopperOf(seed: number, id: number, population: Required<ShopperPopulation>): Shopper {
  const random = createRandom(deriveSeed(seed, 'shopper', id))
  return {
    id,
    impatient: random.next() < population.impatient,
    impatientAfterMs: population.impatientAfterMs,
    freshKeyRetry: random.next() < population.freshKeyRetry,
  }
}

/** Shoppers cached up to this population size; a larger one is drawn again on each arrival. */
const CACHE_LIMIT = 100_000

/** The population of a run: who shopper `id` is, drawn once and kept (a bounded cache). */
export interface Population {
  readonly size: number
  shopper(id: number): Shopper
}

export function createPopulation(seed: number, population: Required<ShopperPopulation>): Population {
  const size = Math.max(1, Math.floor(population.size))
  const cache: Array<Shopper | undefined> = []
  return {
    size,
    shopper(id) {
      if (size > CACHE_LIMIT) return shopperOf(seed, id, population)
      return (cache[id] ??= shopperOf(seed, id, population))
    },
  }
}

/** What one arrival plays and who plays it. */
export interface ArrivalDraw {
  kind: JourneyKind
  shopperId: number
}

/**
 * One seeded stream of arrival draws (a workload's in the open model, a virtual user's in the
 * closed one): each call draws the journey kind from the mix's weights, then the shopper. The
 * n-th draw depends on the stream's seed and n alone, never on timing or on other streams.
 * @example createArrivalDraws(deriveSeed(7, 'phase', 0, 'default'), { browse: 6, checkout: 1 }, 1000).next()
 */
export function createArrivalDraws(
  streamSeed: number,
  mix: TrafficMix,
  populationSize: number,
): { next(): ArrivalDraw } {
  const kinds = mixKinds(mix)
  const weights = kinds.map((kind) => mix[kind] ?? 0)
  const total = weights.reduce((sum, w) => sum + w, 0)
  const random: Random = createRandom(streamSeed)
  return {
    next() {
      // Both numbers are drawn every time, so the stream stays aligned whatever the mix.
      const u = random.next() * total
      const shopperId = random.int(populationSize)
      let kind: JourneyKind = kinds[kinds.length - 1] ?? 'checkout'
      let sum = 0
      for (let k = 0; k < kinds.length; k++) {
        sum += weights[k]!
        if (u < sum) {
          kind = kinds[k]!
          break
        }
      }
      return { kind, shopperId }
    },
  }
}
