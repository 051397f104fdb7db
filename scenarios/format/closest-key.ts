/**
 * The known key a misspelt one most likely meant, for "did you mean …?": the nearest by edit
 * distance (case aside) when it is near enough for its length, else the one sharing the longest
 * start of at least two characters (`rampTo` → `rate`); undefined when none is close.
 * @example closestKey('durationMS', ['name', 'durationMs']) // 'durationMs'
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase()
  let best: { key: string; distance: number } | undefined
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (best === undefined || distance < best.distance) best = { key: candidate, distance }
  }
  if (best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 3))) return best.key
  // A key that starts like a known one (`durationSeconds`, `thinkTime`) most likely means it.
  let prefixed: { key: string; length: number; tie: boolean } | undefined
  for (const candidate of known) {
    const length = commonPrefix(lower, candidate.toLowerCase())
    if (length < 2) continue
    if (prefixed === undefined || length > prefixed.length) prefixed = { key: candidate, length, tie: false }
    else if (length === prefixed.length) prefixed.tie = true
  }
  return prefixed && !prefixed.tie ? prefixed.key : undefined
}

function commonPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[]
      const up = rows[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  return (rows[a.length] as number[])[b.length] as number
}
