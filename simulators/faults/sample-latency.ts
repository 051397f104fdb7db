import type { Rng } from '../core/rng.js'
import type { LatencyDistribution } from './fault-rule.js'

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.3263478740408408

/**
 * Draws one latency in whole ms (never negative) from a distribution.
 * A lognormal has median e^μ and p99 e^(μ + 2.326σ), so σ = ln(p99 / median) / 2.326.
 * @example sampleLatency({ type: 'lognormal', medianMs: 50, p99Ms: 2000 }, rng)
 */
export function sampleLatency(distribution: LatencyDistribution, rng: Rng): number {
  let ms: number
  switch (distribution.type) {
    case 'fixed':
      ms = distribution.ms
      break
    case 'uniform':
      ms = distribution.minMs + rng.next() * (distribution.maxMs - distribution.minMs)
      break
    case 'normal':
      ms = distribution.meanMs + rng.normal() * distribution.stdDevMs
      break
    case 'lognormal': {
      const mu = Math.log(distribution.medianMs)
      const sigma = Math.log(distribution.p99Ms / distribution.medianMs) / Z99
      ms = Math.exp(mu + sigma * rng.normal())
      break
    }
    default: {
      const exhaustive: never = distribution
      return exhaustive
    }
  }
  return Math.max(0, Math.round(ms))
}
