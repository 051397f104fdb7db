import type { FaultMatch, FaultRule } from './fault-rule.js'

/** A `*`-suffixed pattern matches by prefix, anything else exactly. */
export function matchesGlob(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern
}

/** True when every field of `want` is found in `got` (nested objects recursively, values as strings). */
export function matchesBody(want: Record<string, unknown>, got: unknown): boolean {
  if (typeof got !== 'object' || got === null) return false
  const record = got as Record<string, unknown>
  for (const [key, expected] of Object.entries(want)) {
    const actual = record[key]
    if (typeof expected === 'object' && expected !== null) {
      if (!matchesBody(expected as Record<string, unknown>, actual)) return false
    } else if (actual === undefined || String(actual) !== String(expected)) return false
  }
  return true
}

/** Whether a rule's schedule lets it apply now. */
export function isScheduled(rule: FaultRule, nowMs: number): boolean {
  const { schedule } = rule
  if (!schedule) return true
  const sinceMs = nowMs - rule.addedAtMs
  if (schedule.fromMs !== undefined && sinceMs < schedule.fromMs) return false
  if (schedule.untilMs !== undefined && sinceMs >= schedule.untilMs) return false
  return schedule.times === undefined || rule.appliedCount < schedule.times
}

/** Method and path part of a match (the body and the fraction are checked by the caller). */
export function matchesRequest(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false
  return match.path === undefined || matchesGlob(match.path, path)
}
