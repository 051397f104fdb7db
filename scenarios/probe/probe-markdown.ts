import { formatMs, formatRatio } from '../../reports/format.js'
import { figureLine, type ProbeDocument } from './probe-document.js'
import { describeMiss } from './step-line.js'

/**
 * probe.md: the figure, a table of the steps, and the chart beside it.
 * @example writeFileSync('probe.md', probeMarkdown(document))
 */
export function probeMarkdown(document: ProbeDocument): string {
  const rows = document.steps.map((step, i) => {
    const slos = step.interrupted
      ? 'interrupted, not counted'
      : step.passed
        ? '✓ all held'
        : `✗ ${step.slos
            .filter((slo) => !slo.passed)
            .map(describeMiss)
            .join('; ')}`
    return (
      `| ${i + 1} | ${step.rate.toFixed(1)} | ${step.achievedRate.toFixed(1)} | ` +
      `${step.latencyP99 !== undefined ? formatMs(Math.round(step.latencyP99)) : '—'} | ` +
      `${step.availability !== undefined ? formatRatio(step.availability) : '—'} | ${escapeCell(slos)} | ` +
      `${step.integrityPassed ? '✓' : '✗'} |`
    )
  })
  return [
    `# Probe: ${document.scenario}`,
    '',
    `**${figureLine(document)}**`,
    '',
    `Seed ${document.seed}; each step a ${document.stepDurationMs / 1000} s game day. ${document.note}`,
    '',
    '| step | offered /s | achieved /s | checkout p99 | availability | SLOs | integrity |',
    '| ---: | ---: | ---: | ---: | ---: | --- | :---: |',
    ...rows,
    '',
    '![checkout p99 and availability by offered rate](probe.svg)',
    '',
  ].join('\n')
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|')
}
