import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { builtInScenarios } from '../catalog/index.js'
import type { Scenario, ScenarioContext } from './scenario.js'

/** Thrown for a name that is neither a built-in scenario nor a scenario file, or a file that is not one. */
export class UnknownScenarioError extends Error {
  readonly code = 'UNKNOWN_SCENARIO'
  /** What the schema found wrong with the file's scenario, one line each; empty for any other failure. */
  readonly problems: readonly string[]
  constructor(message: string, problems: readonly string[] = []) {
    super(message)
    this.problems = problems
  }
}

export interface LoadScenarioOptions {
  /** Where a relative file name starts. @default process.cwd() */
  cwd?: string
  /**
   * `--env KEY=VALUE` pairs: a file whose default export is a function gets the process's
   * environment overlaid with these (k6's `__ENV`). @default none
   */
  env?: Readonly<Record<string, string>>
}

/** A scenario file's extensions: TypeScript and JavaScript modules, or JSON (docs/scenario.schema.json). */
const SCENARIO_FILE = /\.([mc]?[jt]s|json)$/

/**
 * Finds a scenario by built-in name, or loads a `.ts`/`.mts`/`.cts`/`.js`/`.mjs`/`.cjs` file whose
 * default export is one — or a function `({ env }) => scenario` — or a `.json` file that is one
 * (TypeScript through tsx, so a team's scenario needs no build step), checked against the
 * scenario schema before anything starts.
 */
export async function loadScenario(
  nameOrFile: string,
  { cwd = process.cwd(), env = {} }: LoadScenarioOptions = {},
): Promise<Scenario> {
  const builtIn = builtInScenarios.get(nameOrFile)
  if (builtIn) return builtIn
  const path = resolve(cwd, nameOrFile)
  if (!SCENARIO_FILE.test(nameOrFile) || !existsSync(path)) {
    const names = [...builtInScenarios.keys()].join(', ')
    throw new UnknownScenarioError(
      `Unknown scenario "${nameOrFile}": not a built-in (${names}) nor a scenario file`,
    )
  }
  const failed = (why: string, problems?: readonly string[]) =>
    new UnknownScenarioError(`Failed to load scenario (${nameOrFile}): ${why}`, problems)
  let exported: unknown
  try {
    exported = path.endsWith('.json') ? JSON.parse(await readFile(path, 'utf8')) : await defaultExport(path)
  } catch (error) {
    throw failed((error as Error).message)
  }
  if (exported === undefined) throw failed('it has no default export')
  let scenario: unknown = exported
  if (typeof exported === 'function') {
    try {
      scenario = await (exported as (context: ScenarioContext) => unknown)({ env: contextEnv(env) })
    } catch (error) {
      throw failed(`its default export threw: ${(error as Error).message}`)
    }
  }
  // Loaded only for a file: TypeBox's checker takes ~0.1 s to load, before the first request.
  const { scenarioProblems } = await import('./scenario-schema.js')
  const problems = scenarioProblems(scenario)
  if (problems.length > 0) {
    throw failed(
      'its default export is not a valid scenario:\n' + problems.map((problem) => `  ${problem}`).join('\n'),
      problems,
    )
  }
  // A JSON file names its schema for the editor; the scenario itself has no use for it.
  const { $schema: _schema, ...rest } = scenario as Scenario & { $schema?: string }
  return rest
}

async function defaultExport(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href
  const mod = (
    /\.[mc]?ts$/.test(path)
      ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
      : await import(url)
  ) as { default?: unknown }
  // A file outside an ES-module package loads as CommonJS: its `export default` arrives one
  // level down, as `default.default`.
  const exported = mod.default
  if (
    typeof exported === 'object' &&
    exported !== null &&
    !('name' in exported) &&
    'default' in exported &&
    exported.default !== undefined
  )
    return exported.default
  return exported
}

/** The process's environment (its set variables) overlaid with the `--env` pairs. */
function contextEnv(pairs: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
  return Object.assign(env, pairs)
}
