import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { builtInScenarios } from '../catalog/index.js'
import type { Scenario } from './scenario.js'

/** Thrown for a name that is neither a built-in scenario nor a scenario file. */
export class UnknownScenarioError extends Error {
  readonly code = 'UNKNOWN_SCENARIO'
}

/**
 * Finds a scenario by built-in name, or loads a `.ts`/`.mts`/`.cts`/`.js`/`.mjs` file whose default
 * export is one (TypeScript through tsx, so a team's scenario needs no build step), checked
 * against the scenario schema before anything starts.
 */
export async function loadScenario(nameOrFile: string, cwd = process.cwd()): Promise<Scenario> {
  const builtIn = builtInScenarios.get(nameOrFile)
  if (builtIn) return builtIn
  const path = resolve(cwd, nameOrFile)
  if (!/\.([mc]?[jt]s)$/.test(nameOrFile) || !existsSync(path)) {
    const names = [...builtInScenarios.keys()].join(', ')
    throw new UnknownScenarioError(
      `Unknown scenario "${nameOrFile}": not a built-in (${names}) nor a scenario file`,
    )
  }
  const url = pathToFileURL(path).href
  let mod: { default?: unknown }
  try {
    mod = (
      /\.[mc]?ts$/.test(path)
        ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
        : await import(url)
    ) as { default?: unknown }
  } catch (error) {
    throw new UnknownScenarioError(`Failed to load scenario (${nameOrFile}): ${(error as Error).message}`)
  }
  // A file outside an ES-module package loads as CommonJS: its `export default` arrives one
  // level down, as `default.default`.
  const exported = mod.default as { default?: unknown; name?: unknown } | undefined
  const scenario = exported && exported.name === undefined && exported.default ? exported.default : exported
  if (scenario === undefined) {
    throw new UnknownScenarioError(`Failed to load scenario (${nameOrFile}): it has no default export`)
  }
  // Loaded only for a file: TypeBox's checker takes ~0.1 s to load, before the first request.
  const { scenarioProblems } = await import('./scenario-schema.js')
  const problems = scenarioProblems(scenario)
  if (problems.length > 0) {
    throw new UnknownScenarioError(
      `Failed to load scenario (${nameOrFile}): its default export is not a valid scenario:\n` +
        problems.map((problem) => `  ${problem}`).join('\n'),
    )
  }
  return scenario as Scenario
}
