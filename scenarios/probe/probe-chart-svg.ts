import { niceCeiling, roundTenth } from '../../reports/chart-scale.js'
import { formatMs, formatRatio } from '../../reports/format.js'
import { escapeXml } from '../../reports/xml-escape.js'
import type { ProbeOutcome, StepResult } from './probe-types.js'

const WIDTH = 760
const PANEL = 170
const MARGIN = { top: 36, right: 24, bottom: 44, left: 72 }
const GAP = 34
const HEIGHT = MARGIN.top + PANEL * 2 + GAP + MARGIN.bottom
const COLORS = { pass: '#54a24b', fail: '#e45756', interrupted: '#999', figure: '#4c78a8', slo: '#b279a2' }

interface Panel {
  title: string
  top: number
  min: number
  max: number
  format: (value: number) => string
  value: (step: StepResult) => number | undefined
  thresholds: number[]
}

/**
 * probe.svg: x = offered rate (journeys/s); above, checkout p99 (ms), below, availability; a dot
 * per step, green where every SLO held and red where one broke (grey: interrupted); dashed lines
 * at the SLO thresholds on those two figures; a vertical line at the figure.
 * @example writeFileSync('probe.svg', probeChartSvg(outcome))
 */
export function probeChartSvg(outcome: ProbeOutcome): string {
  const { steps } = outcome
  const xMax = niceCeiling(Math.max(1, ...steps.map((step) => step.rate)) * 1.05)
  const xOf = (rate: number) => roundTenth(MARGIN.left + ((WIDTH - MARGIN.left - MARGIN.right) * rate) / xMax)
  const latencyThresholds = thresholdsOf(steps, 'latency.p99')
  const availabilityThresholds = thresholdsOf(steps, 'availability')
  const latencies = steps.map((step) => step.latencyP99).filter((v) => v !== undefined)
  const availabilities = steps.map((step) => step.availability).filter((v) => v !== undefined)
  const lowest = Math.min(1, ...availabilities, ...availabilityThresholds)
  const panels: Panel[] = [
    {
      title: 'checkout p99',
      top: MARGIN.top,
      min: 0,
      max: niceCeiling(Math.max(1, ...latencies, ...latencyThresholds) * 1.1),
      format: (v) => formatMs(Math.round(v)),
      value: (step) => step.latencyP99,
      thresholds: latencyThresholds,
    },
    {
      title: 'availability',
      top: MARGIN.top + PANEL + GAP,
      // Availability lives near 100%: a 0–100% axis would flatten every difference that matters.
      min: Math.max(0, Math.min(0.95, Math.floor((lowest - 0.01) * 20) / 20)),
      max: 1,
      format: formatRatio,
      value: (step) => step.availability,
      thresholds: availabilityThresholds,
    },
  ]
  const body = panels.map((panel) => drawPanel(panel, steps, xOf)).join('')
  const xTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const x = xOf(xMax * f)
      return `<text x="${x}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${roundTenth(xMax * f)}</text>`
    })
    .join('')
  const figure =
    outcome.maxPassingRate === undefined
      ? `<text x="${WIDTH / 2}" y="14" text-anchor="middle" fill="${COLORS.fail}">no rate held every SLO</text>`
      : `<line class="figure" x1="${xOf(outcome.maxPassingRate)}" x2="${xOf(outcome.maxPassingRate)}" y1="${MARGIN.top - 4}" ` +
        `y2="${HEIGHT - MARGIN.bottom}" stroke="${COLORS.figure}" stroke-width="2" stroke-dasharray="6 3"/>` +
        // Right of the middle, the label ends at the line, so it never runs off the chart.
        `<text x="${xOf(outcome.maxPassingRate)}" y="14" ` +
        `text-anchor="${xOf(outcome.maxPassingRate) > WIDTH / 2 ? 'end' : 'start'}" fill="${COLORS.figure}" ` +
        `font-weight="bold">max ${outcome.maxPassingRate.toFixed(1)}/s with every SLO held</text>`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" ` +
    `height="${HEIGHT}" font-family="sans-serif" font-size="11">` +
    `<title>Probe: checkout p99 and availability by offered rate</title>` +
    body +
    xTicks +
    `<text x="${roundTenth((WIDTH + MARGIN.left) / 2)}" y="${HEIGHT - 12}" text-anchor="middle">offered rate (journeys/s)</text>` +
    figure +
    legend() +
    '</svg>'
  )
}

function drawPanel(panel: Panel, steps: readonly StepResult[], xOf: (rate: number) => number): string {
  const yOf = (value: number) => {
    const fraction = (Math.min(panel.max, Math.max(panel.min, value)) - panel.min) / (panel.max - panel.min)
    return roundTenth(panel.top + PANEL * (1 - fraction))
  }
  const left = MARGIN.left
  const right = WIDTH - MARGIN.right
  const grid = [0, 0.5, 1]
    .map((f) => {
      const value = panel.min + (panel.max - panel.min) * f
      const y = yOf(value)
      return (
        `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#ddd"/>` +
        `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${escapeXml(panel.format(value))}</text>`
      )
    })
    .join('')
  const thresholds = panel.thresholds
    .map((threshold) => {
      const y = yOf(threshold)
      return (
        `<line class="slo" x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="${COLORS.slo}" stroke-dasharray="4 3"/>` +
        `<text x="${right}" y="${y - 3}" text-anchor="end" fill="${COLORS.slo}">SLO ${escapeXml(panel.format(threshold))}</text>`
      )
    })
    .join('')
  const marks = steps
    .map((step, i) => {
      const value = panel.value(step)
      if (value === undefined) return ''
      const color = step.interrupted ? COLORS.interrupted : step.passed ? COLORS.pass : COLORS.fail
      const tip = `step ${i + 1}: ${step.rate.toFixed(1)}/s, ${panel.title} ${panel.format(value)}, ${
        step.interrupted ? 'interrupted' : step.passed ? 'every SLO held' : 'an SLO broke'
      }`
      return (
        `<circle class="step" data-step="${i + 1}" cx="${xOf(step.rate)}" cy="${yOf(value)}" r="5" fill="${color}">` +
        `<title>${escapeXml(tip)}</title></circle>`
      )
    })
    .join('')
  return (
    `<text x="${left}" y="${panel.top - 6}" font-weight="bold">${escapeXml(panel.title)}</text>` +
    `<line x1="${left}" x2="${left}" y1="${panel.top}" y2="${panel.top + PANEL}" stroke="#888"/>` +
    grid +
    thresholds +
    marks
  )
}

function legend(): string {
  const keys = [
    { label: 'every SLO held', color: COLORS.pass },
    { label: 'an SLO broke', color: COLORS.fail },
  ]
  return keys
    .map(
      ({ label, color }, i) =>
        `<circle cx="${WIDTH - MARGIN.right - 230 + i * 120}" cy="${HEIGHT - 16}" r="5" fill="${color}"/>` +
        `<text x="${WIDTH - MARGIN.right - 220 + i * 120}" y="${HEIGHT - 12}">${label}</text>`,
    )
    .join('')
}

/** The distinct thresholds of the steps' SLOs on one metric (whole run or any phase). */
function thresholdsOf(steps: readonly StepResult[], metric: string): number[] {
  return [
    ...new Set(steps.flatMap((step) => step.slos.filter((s) => s.metric === metric).map((s) => s.threshold))),
  ]
}
