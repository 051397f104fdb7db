import { parseArgs } from 'node:util'
import { EXIT } from '../../lib/exit-codes.js'
import type { Scenario } from '../format/scenario.js'
import { parseScenarioFlags, usageError, type CommandIo } from './command-options.js'

/** One file's verdict, as `gameday validate --json` prints it. */
export type ValidateResult =
  | {
      file: string
      ok: true
      scenario: string
      phases: number
      /** Workloads the phases play, a phase's implicit default and browsing ones included. */
      workloads: number
      slos: number
      /** The scenario's length as written (before `--duration`), seconds. */
      durationS: number
    }
  | { file: string; ok: false; problems: string[] }

/**
 * `gameday validate FILE…`: loads each scenario file (or built-in name) as `run` would — the
 * same `--env`, the same schema — and says whether it is valid, without starting anything.
 * Exit 0 when every one is, 1 when one is not, 2 for bad usage.
 */
export async function validateCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { env: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    })
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  const { values, positionals } = parsed
  if (positionals.length === 0) return usageError('gameday validate takes one or more scenario files.', io)
  const flags = parseScenarioFlags(values)
  if (typeof flags === 'string') return usageError(flags, io)

  const [{ loadScenario, UnknownScenarioError }, { planPhases }] = await Promise.all([
    import('../format/load-scenario.js'),
    import('../format/phase-plan.js'),
  ])
  const summarize = (file: string, scenario: Scenario): ValidateResult => {
    const phases = planPhases(scenario, {})
    return {
      file,
      ok: true,
      scenario: scenario.name,
      phases: phases.length,
      workloads: phases.reduce((sum, phase) => sum + phase.workloads.length, 0),
      slos: scenario.slos.length,
      durationS: scenario.phases.reduce((sum, phase) => sum + phase.durationMs, 0) / 1000,
    }
  }
  const results: ValidateResult[] = []
  for (const file of positionals) {
    try {
      results.push(summarize(file, await loadScenario(file, { env: flags.env })))
    } catch (error) {
      const problems =
        error instanceof UnknownScenarioError && error.problems.length > 0
          ? [...error.problems]
          : [(error as Error).message]
      results.push({ file, ok: false, problems })
    }
  }
  const valid = results.every((r) => r.ok)
  if (values.json) io.stdout.write(`${JSON.stringify({ valid, files: results })}\n`)
  else for (const result of results) io.stdout.write(describe(result))
  return valid ? EXIT.PASS : EXIT.FAILED
}

function describe(result: ValidateResult): string {
  if (result.ok) {
    const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
    return (
      `${result.file}: ok — ${s(result.phases, 'phase')}, ${s(result.workloads, 'workload')}, ` +
      `${s(result.slos, 'SLO')}, ~${Math.round(result.durationS * 10) / 10} s\n`
    )
  }
  const lines = result.problems.flatMap((problem) => problem.split('\n'))
  return `${result.file}: invalid\n${lines.map((line) => `  ${line.trim()}`).join('\n')}\n`
}
