import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtInScenarios } from './index.js'
import { renderScenarioLibrary, teachingParts, WRITE_SCENARIO_LIBRARY_COMMAND } from './scenario-library.js'

const LIBRARY = fileURLToPath(new URL('../../docs/scenario-library.md', import.meta.url))

describe('docs/scenario-library.md', () => {
  it('is what the catalog renders', () => {
    expect(
      readFileSync(LIBRARY, 'utf8'),
      `docs/scenario-library.md is out of date: run \`${WRITE_SCENARIO_LIBRARY_COMMAND}\` and commit the result`,
    ).toBe(renderScenarioLibrary(builtInScenarios.values()))
  })

  it('has a row for every built-in scenario, in catalog order', () => {
    const rows = readFileSync(LIBRARY, 'utf8')
      .split('\n')
      .map((line) => /^\| `([a-z0-9-]+)` \|/.exec(line)?.[1])
      .filter((name) => name !== undefined)
    expect(rows).toEqual([...builtInScenarios.keys()])
  })
})

describe('renderScenarioLibrary', () => {
  it('shows the lesson, the safeguards, what a pass means and the length, one row a scenario', () => {
    const text = renderScenarioLibrary([
      {
        name: 'mine',
        description: 'my own',
        teaches: 'Pipes | break tables. `x` is second. A pass: every SLO holds.',
        rate: 1,
        exercises: ['retries', 'timeouts'],
        phases: [
          { name: 'a', durationMs: 1_500 },
          { name: 'b', durationMs: 2_000 },
        ],
        slos: [],
      },
      {
        name: 'bare',
        description: 'No teaches. Two sentences.',
        rate: 1,
        phases: [{ name: 'a', durationMs: 1 }],
        slos: [],
      },
    ])
    expect(text).toContain(
      '| `mine` | Pipes \\| break tables. | `retries`, `timeouts` | Every SLO holds. | 3.5 s |',
    )
    expect(text).toContain('| `bare` | No teaches. | — | — | 0.001 s |')
  })
})

describe('teachingParts', () => {
  it('splits off the first sentence and finds the one that says what a pass means', () => {
    expect(
      teachingParts('15% of calls fail at 2.5 s. `retries` retries them. A pass: availability ≥ 90%.'),
    ).toEqual({ lesson: '15% of calls fail at 2.5 s.', pass: 'A pass: availability ≥ 90%.' })
    expect(teachingParts('Only one sentence.')).toEqual({ lesson: 'Only one sentence.', pass: undefined })
  })
})
