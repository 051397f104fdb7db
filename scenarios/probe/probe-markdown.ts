import { figureLine, type ProbeDocument } from './probe-document.js'
import { availabilityText, p99Text, stepVerdict } from './step-line.js'

/**
 * probe.md: the figure, a table of the steps, and the chart beside it.
 * @example writeFileSync('probe.md', probeMarkdown(document))
 */
export function probeMarkdown(document: ProbeDocument): string {
  const rows = document.steps.map((step, i) => {
    const slos = stepVerdict(step, { held: '✓ all held', interrupted: 'interrupted, not counted' })
    return (
      `| ${i + 1} | ${step.rate.toFixed(1)} | ${step.achievedRate.toFixed(1)} | ${p99Text(step)} | ` +
      `${availabilityText(step)} | ${escapeCell(slos)} | ${step.integrityPassed ? '✓' : '✗'} |`
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
