import { summarizeLatency } from './latency-summary.js'
import { round } from './load-summary.js'
import type { BrowsingSummary } from './report.js'
import type { BrowseRequest } from './types.js'

/**
 * Browsing's own KPIs over one scope (the run or a phase): counts, availability (answered 2xx /
 * attempted) and latency from each request's intended start, measured as checkout latency is.
 * Kept apart from checkout so a catalog read never counts as a checkout. `availability` and
 * `latency` are absent when nothing was attempted: a ratio of nothing is not 0.
 * @example summarizeBrowsing(browsesOfPhase) // { attempted: 100, succeeded: 99, failed: 1, availability: 0.99, latency: {…} }
 */
export function summarizeBrowsing(requests: readonly BrowseRequest[]): BrowsingSummary {
  const succeeded = requests.filter((request) => request.ok).length
  const latency = summarizeLatency(requests.map((request) => request.latencyMs))
  return {
    attempted: requests.length,
    succeeded,
    failed: requests.length - succeeded,
    ...(requests.length > 0 ? { availability: round(succeeded / requests.length) } : {}),
    ...(latency === undefined
      ? {}
      : { latency: { p50: latency.p50, p95: latency.p95, p99: latency.p99, max: latency.max } }),
  }
}
