import type { Scenario } from '../format/scenario.js'

/** The command that rewrites docs/scenario-library.md; a test fails while the file is out of date. */
export const WRITE_SCENARIO_LIBRARY_COMMAND = 'npx tsx scenarios/catalog/write-scenario-library.ts'

/**
 * The first sentence of `teaches` (what the game day shows), and its sentence that begins
 * `A pass` (what passing means). Every built-in scenario's `teaches` has both: a test says so.
 */
export function teachingParts(teaches: string): { lesson: string; pass: string | undefined } {
  // A sentence ends at `.` before a space and a capital, a digit or a backtick (`15% of …`).
  const sentences = teaches.split(/(?<=\.)\s+(?=[A-Z0-9`])/)
  return {
    lesson: sentences[0] ?? '',
    pass: sentences.find((sentence) => sentence.startsWith('A pass')),
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A table cell: no line breaks, and a `|` that would end the cell escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()
}

/**
 * docs/scenario-library.md, from the catalog: every scenario with what it teaches, the
 * safeguards it exercises and what a pass means, in the order `gameday list` shows them.
 */
export function renderScenarioLibrary(scenarios: Iterable<Scenario>): string {
  const rows = [...scenarios].map((scenario) => {
    const { lesson, pass } = teachingParts(scenario.teaches ?? scenario.description)
    const safeguards = (scenario.exercises ?? []).map((name) => `\`${name}\``).join(', ') || '—'
    const duration = scenario.phases.reduce((sum, phase) => sum + phase.durationMs, 0) / 1000
    const passes = pass === undefined ? '—' : capitalise(pass.replace(/^A pass: /, ''))
    return `| \`${scenario.name}\` | ${cell(lesson)} | ${safeguards} | ${cell(passes)} | ${duration} s |`
  })
  return [
    '# Scenario library',
    '',
    'Every built-in game day, in the order `gameday list` shows them: what it teaches, the',
    'safeguards it exercises (switch one off with `--safeguard NAME=off` to see what it prevents:',
    '[safeguards.md](safeguards.md)), what a pass means, and its default length. `gameday list --long`',
    "prints each scenario's whole `teaches`; the scenario files in `scenarios/catalog/` say how",
    'each fault is built and why its numbers are what they are.',
    '',
    'A pass always includes the integrity checks (report.json `integrity`: nothing charged twice,',
    'nothing lost or unresolved, money conserved, …) besides the SLOs named here. Game days that are',
    'meant to fail say so: they show a budget a fault breaks with no safeguard to hide it.',
    '',
    `Generated from the catalog by \`${WRITE_SCENARIO_LIBRARY_COMMAND}\` — do not edit by hand; a`,
    'test fails while this file is out of date.',
    '',
    '| scenario | what it teaches | safeguards exercised | what a pass means | length |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}
