import { niceCeiling, roundTenth } from './chart-scale.js'
import { formatMs, formatRatio } from './format.js'
import type { PhaseReport } from './report.js'
import { escapeXml } from './xml-escape.js'

const WIDTH = 760
const HEIGHT = 220
const MARGIN = { top: 16, right: 16, bottom: 40, left: 64 }
const SERIES = [
  { key: 'p50', color: '#4c78a8' },
  { key: 'p95', color: '#f58518' },
  { key: 'p99', color: '#e45756' },
] as const

/**
 * Inline SVG: per phase, bars of latency p50/p95/p99 (ms). Phases with no attempts show a dash.
 * @example `<figure>${latencyChartSvg(report.phases)}</figure>`
 */
export function latencyChartSvg(phases: readonly PhaseReport[]): string {
  const top = niceCeiling(Math.max(1, ...phases.map((phase) => phase.latencyMs?.p99 ?? 0)))
  return chart(
    phases,
    'Latency per phase (ms)',
    top,
    formatMs,
    (phase, x, slot) => {
      const latency = phase.latencyMs
      if (latency === undefined) return noData(x + slot / 2)
      const barWidth = slot / (SERIES.length + 1)
      return SERIES.map(({ key, color }, i) =>
        bar(
          x + barWidth * (i + 0.5),
          barWidth,
          latency[key] / top,
          color,
          `${phase.name} ${key}: ${formatMs(latency[key])}`,
        ),
      ).join('')
    },
    SERIES.map(({ key, color }) => ({ label: key, color })),
  )
}

/**
 * Inline SVG: per phase, a bar of availability (0–100%). Phases with no attempts show a dash.
 * @example `<figure>${availabilityChartSvg(report.phases)}</figure>`
 */
export function availabilityChartSvg(phases: readonly PhaseReport[]): string {
  return chart(
    phases,
    'Availability per phase',
    1,
    formatRatio,
    (phase, x, slot) => {
      if (phase.availability === undefined) return noData(x + slot / 2)
      const color = phase.availability >= 0.99 ? '#54a24b' : phase.availability >= 0.9 ? '#eeca3b' : '#e45756'
      return bar(
        x + slot / 4,
        slot / 2,
        phase.availability,
        color,
        `${phase.name}: ${formatRatio(phase.availability)}`,
      )
    },
    [],
  )
}

type DrawPhase = (phase: PhaseReport, x: number, slot: number) => string

function chart(
  phases: readonly PhaseReport[],
  title: string,
  top: number,
  formatTick: (value: number) => string,
  draw: DrawPhase,
  legend: { label: string; color: string }[],
): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const slot = plotWidth / Math.max(1, phases.length)
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const y = yOf(fraction)
    return (
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>` +
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${escapeXml(formatTick(top * fraction))}</text>`
    )
  })
  const bars = phases.map((phase, i) => {
    const x = MARGIN.left + slot * i
    const label = phase.name.length > 18 ? `${phase.name.slice(0, 17)}…` : phase.name
    return (
      draw(phase, x, slot) +
      `<text x="${roundTenth(x + slot / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeXml(label)}</text>`
    )
  })
  const keys = legend.map(
    ({ label, color }, i) =>
      `<rect x="${MARGIN.left + i * 60}" y="${HEIGHT - 14}" width="10" height="10" fill="${color}"/>` +
      `<text x="${MARGIN.left + i * 60 + 14}" y="${HEIGHT - 5}">${label}</text>`,
  )
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" ` +
    `height="${HEIGHT}" font-family="sans-serif" font-size="11"><title>${escapeXml(title)}</title>` +
    ticks.join('') +
    bars.join('') +
    keys.join('') +
    '</svg>'
  )
}

function bar(x: number, width: number, fraction: number, color: string, tip: string): string {
  const clamped = Math.min(1, Math.max(0, fraction))
  const y = yOf(clamped)
  return (
    `<rect x="${roundTenth(x)}" y="${y}" width="${roundTenth(width)}" height="${roundTenth(yOf(0) - y)}" fill="${color}">` +
    `<title>${escapeXml(tip)}</title></rect>`
  )
}

function noData(xCenter: number): string {
  return `<text x="${roundTenth(xCenter)}" y="${yOf(0) - 6}" text-anchor="middle" fill="#888">— no attempts</text>`
}

function yOf(fraction: number): number {
  return roundTenth(MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) * (1 - fraction))
}
