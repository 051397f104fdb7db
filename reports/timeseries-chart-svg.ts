import { niceCeiling, roundTenth } from './chart-scale.js'
import { formatMs, formatSeconds } from './format.js'
import type { TimeseriesPoint } from './types.js'
import { escapeXml } from './xml-escape.js'

const WIDTH = 760
const HEIGHT = 240
const MARGIN = { top: 16, right: 64, bottom: 40, left: 56 }
const ARRIVALS_COLOR = '#4c78a8'
const P99_COLOR = '#e45756'

/**
 * Inline SVG: one bar per second of arrivals (left axis, journeys started) and a line of the
 * checkouts' p99 latency (right axis, ms). A second with no checkout ending breaks the line rather
 * than drawing a made-up 0.
 * @example `<figure>${timeseriesChartSvg(report.timeseries)}</figure>`
 */
export function timeseriesChartSvg(points: readonly TimeseriesPoint[]): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const slot = plotWidth / Math.max(1, points.length)
  const topArrivals = niceCeiling(Math.max(1, ...points.map((p) => p.arrivals)))
  const topP99 = niceCeiling(Math.max(1, ...points.map((p) => p.latencyMs?.p99 ?? 0)))
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const y = yOf(fraction)
    return (
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>` +
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end" fill="${ARRIVALS_COLOR}">` +
      `${roundTenth(topArrivals * fraction)}</text>` +
      `<text x="${WIDTH - MARGIN.right + 6}" y="${y + 4}" fill="${P99_COLOR}">` +
      `${escapeXml(formatMs(topP99 * fraction))}</text>`
    )
  })
  const bars = points.map((point, i) => {
    const x = MARGIN.left + slot * i
    const y = yOf(point.arrivals / topArrivals)
    return (
      `<rect x="${roundTenth(x + slot * 0.1)}" y="${y}" width="${roundTenth(slot * 0.8)}" height="${roundTenth(yOf(0) - y)}" ` +
      `fill="${ARRIVALS_COLOR}" fill-opacity="0.6"><title>${escapeXml(
        `${formatSeconds(point.atMs)}: ${point.arrivals} arrivals, ${point.completions} completions`,
      )}</title></rect>`
    )
  })
  // The p99 line, in runs of consecutive seconds that had a checkout end.
  const runs: string[][] = [[]]
  const dots: string[] = []
  points.forEach((point, i) => {
    const p99 = point.latencyMs?.p99
    if (p99 === undefined) {
      if ((runs.at(-1) ?? []).length > 0) runs.push([])
      return
    }
    const x = roundTenth(MARGIN.left + slot * (i + 0.5))
    const y = yOf(p99 / topP99)
    runs.at(-1)?.push(`${x},${y}`)
    dots.push(
      `<circle cx="${x}" cy="${y}" r="2" fill="${P99_COLOR}"><title>${escapeXml(
        `${formatSeconds(point.atMs)}: checkout p99 ${formatMs(p99)}`,
      )}</title></circle>`,
    )
  })
  const lines = runs
    .filter((run) => run.length > 1)
    .map(
      (run) => `<polyline points="${run.join(' ')}" fill="none" stroke="${P99_COLOR}" stroke-width="1.5"/>`,
    )
  const every = Math.max(1, Math.ceil(points.length / 12))
  const labels = points
    .map((point, i) =>
      i % every === 0
        ? `<text x="${roundTenth(MARGIN.left + slot * (i + 0.5))}" y="${HEIGHT - MARGIN.bottom + 16}" ` +
          `text-anchor="middle">${formatSeconds(point.atMs)}</text>`
        : '',
    )
    .join('')
  const legend =
    `<rect x="${MARGIN.left}" y="${HEIGHT - 14}" width="10" height="10" fill="${ARRIVALS_COLOR}"/>` +
    `<text x="${MARGIN.left + 14}" y="${HEIGHT - 5}">arrivals per second</text>` +
    `<rect x="${MARGIN.left + 150}" y="${HEIGHT - 14}" width="10" height="10" fill="${P99_COLOR}"/>` +
    `<text x="${MARGIN.left + 164}" y="${HEIGHT - 5}">checkout p99 (ms)</text>`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" ` +
    `height="${HEIGHT}" font-family="sans-serif" font-size="11"><title>Arrivals and checkout p99 per second</title>` +
    ticks.join('') +
    bars.join('') +
    lines.join('') +
    dots.join('') +
    labels +
    legend +
    '</svg>'
  )
}

function yOf(fraction: number): number {
  return roundTenth(
    MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) * (1 - Math.min(1, Math.max(0, fraction))),
  )
}
