import type { SloSpec } from '../../reports/types.js'

/** The custom metrics the exported script records, by name (what the SLOs map onto). */
export const K6_METRICS = {
  /** Trend, ms: a checkout journey from its start (cart) to its last answer, retries included. */
  checkoutJourneyDuration: 'checkout_journey_duration',
  /** Rate: checkouts acknowledged (2xx) or declined by the issuer (402) / checkouts attempted. */
  checkoutAvailable: 'checkout_available',
  /** Rate: browsing requests (product list, product page) answered 2xx / attempted. */
  browseOk: 'browse_ok',
  /** Trend, ms: one browsing request. */
  browseDuration: 'browse_duration',
} as const

/** One SLO as a k6 threshold: `metric` (with tag filters) gets `expression`. */
export interface MappedSlo {
  slo: SloSpec
  metric: string
  expression: string
}

/** An SLO k6 cannot judge, and why: listed in the script and the README, never dropped silently. */
export interface UnexportedSlo {
  slo: SloSpec
  reason: string
}

const UNEXPORTABLE: Record<string, string> = {
  achievedRateRatio:
    'k6 reports arrivals it could not start as `dropped_iterations`, not as a ratio of the target rate',
  'recovery.ms': 'time to recover from a fault needs the fault timeline, which k6 does not play',
  'queue.drain.ms': "the message backlog's drain is read from the platform's queue board, not from the load",
}

/**
 * The scenario's SLOs as k6 thresholds, grouped by metric as k6 takes them, and those it cannot
 * express.
 * @example sloThresholds([{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 500, unit: 'ms' }])
 *   // → thresholds { checkout_journey_duration: ['p(99)<=500'] }
 */
export function sloThresholds(slos: readonly SloSpec[]): {
  thresholds: Record<string, string[]>
  mapped: MappedSlo[]
  unexported: UnexportedSlo[]
} {
  const thresholds: Record<string, string[]> = {}
  const mapped: MappedSlo[] = []
  const unexported: UnexportedSlo[] = []
  for (const slo of slos) {
    const result = mapSlo(slo)
    if ('reason' in result) {
      unexported.push(result)
      continue
    }
    mapped.push(result)
    ;(thresholds[result.metric] ??= []).push(result.expression)
  }
  return { thresholds, mapped, unexported }
}

function mapSlo(slo: SloSpec): MappedSlo | UnexportedSlo {
  // Wider than today's schema on purpose: `latency.<operation>.pNN` is the per-operation form.
  const metric: string = slo.metric
  const filtered = (name: string, tags: Record<string, string> = {}) => {
    const all = { ...tags, ...(slo.phase !== undefined ? { phase: slo.phase } : {}) }
    const filter = Object.entries(all).map(([k, v]) => `${k}:${v}`)
    return filter.length > 0 ? `${name}{${filter.join(',')}}` : name
  }
  const cmp = slo.comparator
  const checkoutLatency = /^latency\.(p\d+(?:\.\d+)?|max)$/.exec(metric)
  if (checkoutLatency)
    return {
      slo,
      metric: filtered(K6_METRICS.checkoutJourneyDuration),
      expression: `${stat(checkoutLatency[1]!)}${cmp}${slo.threshold}`,
    }
  const browseLatency = /^browse\.latency\.(p\d+(?:\.\d+)?|max)$/.exec(metric)
  if (browseLatency)
    return {
      slo,
      metric: filtered(K6_METRICS.browseDuration),
      expression: `${stat(browseLatency[1]!)}${cmp}${slo.threshold}`,
    }
  const opLatency = /^latency\.([a-z]+)\.(p\d+(?:\.\d+)?|max)$/.exec(metric)
  if (opLatency)
    return {
      slo,
      metric: filtered('http_req_duration', { operation: opLatency[1]! }),
      expression: `${stat(opLatency[2]!)}${cmp}${slo.threshold}`,
    }
  if (metric === 'availability')
    return { slo, metric: filtered(K6_METRICS.checkoutAvailable), expression: `rate${cmp}${slo.threshold}` }
  if (metric === 'errorRate')
    // errorRate ≤ x is availability ≥ 1 − x: one Rate serves both.
    return {
      slo,
      metric: filtered(K6_METRICS.checkoutAvailable),
      expression: `rate${cmp === '<=' ? '>=' : '<='}${roundRatio(1 - slo.threshold)}`,
    }
  if (metric === 'browse.availability')
    return { slo, metric: filtered(K6_METRICS.browseOk), expression: `rate${cmp}${slo.threshold}` }
  return { slo, reason: UNEXPORTABLE[metric] ?? `k6 has no metric for \`${metric}\`` }
}

/** `p99` → `p(99)`, `p99.9` → `p(99.9)`, `max` → `max`. */
function stat(name: string): string {
  return name === 'max' ? 'max' : `p(${name.slice(1)})`
}

/** 1 − 0.01 is 0.9900000000000001 in floating point; a threshold reads 0.99. */
function roundRatio(x: number): number {
  return Number(x.toFixed(10))
}
