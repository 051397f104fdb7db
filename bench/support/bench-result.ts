// Where a bench leaves its figures for a machine to read: reports/out/bench/<name>.json (beside
// the game days' reports, and ignored by git like them), stamped with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'

const outDir = fileURLToPath(new URL('../../reports/out/bench/', import.meta.url))

/** Writes `result` with when and where it ran; returns the file's path. */
export function writeBenchResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(outDir, { recursive: true })
  const file = `${outDir}${name}.json`
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' }
  writeFileSync(
    file,
    `${JSON.stringify({ bench: name, at: new Date().toISOString(), machine, ...result }, null, 2)}\n`,
  )
  return file
}

/** The least-squares slope of y over x (0 with fewer than two points). */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  let num = 0
  let den = 0
  for (const p of points) {
    num += (p.x - mx) * (p.y - my)
    den += (p.x - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}
