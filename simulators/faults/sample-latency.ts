import type { Random } from '../../lib/random.js'
import type { LatencyDistribution } from './fault-rule.js'

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.3263478740408408

/**
 * Draws one latency in whole ms (never negative) from a distribution.
 * A lognormal has median e^μ and p99 e^(μ + 2.326σ), so σ = ln(p99 / median) / 2.326.
 * @example sampleLatency({ type: 'lognormal', medianMs: 50, p99Ms: 2000 }, createRandom(7))
 */
export function sampleLatency(distribution: LatencyDistribution, random: Random): number {
  let ms: number
  switch (distribution.type) {
    case 'fixed':
      ms = distribution.ms
      break
    case 'uniform':
      ms = distribution.minMs + random.next() * (distribution.maxMs - distribution.minMs)
      break
    case 'normal':
      ms = distribution.meanMs + standardNormal(random) * distribution.stdDevMs
      break
    case 'lognormal': {
      const mu = Math.log(distribution.medianMs)
      const sigma = Math.log(distribution.p99Ms / distribution.medianMs) / Z99
      ms = Math.exp(mu + sigma * standardNormal(random))
      break
    }
    default: {
      const exhaustive: never = distribution
      return exhaustive
    }
  }
  return Math.max(0, Math.round(ms))
}

/** A standard normal deviate (Box–Muller); `1 - next()` keeps the logarithm's argument in (0, 1]. */
export function standardNormal(random: Random): number {
  const u = 1 - random.next()
  const v = random.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
