import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { builtInScenarios } from './catalog/index.js'
import type { Scenario } from './scenario.js'

/** Thrown for a name that is neither a built-in scenario nor a scenario file. */
export class UnknownScenarioError extends Error {
  readonly code = 'UNKNOWN_SCENARIO'
}

/**
 * Finds a scenario by built-in name, or loads a `.ts`/`.js` file whose default export is one
 * (TypeScript through tsx, so a team's scenario needs no build step).
 */
export async function loadScenario(nameOrFile: string, cwd = process.cwd()): Promise<Scenario> {
  const builtIn = builtInScenarios.get(nameOrFile)
  if (builtIn) return builtIn
  const path = resolve(cwd, nameOrFile)
  if (!/\.(m?[jt]s)$/.test(nameOrFile) || !existsSync(path)) {
    const names = [...builtInScenarios.keys()].join(', ')
    throw new UnknownScenarioError(
      `Unknown scenario "${nameOrFile}": not a built-in (${names}) nor a scenario file`,
    )
  }
  const url = pathToFileURL(path).href
  const mod = (
    path.endsWith('.ts')
      ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
      : await import(url)
  ) as { default?: Scenario }
  const scenario = mod.default
  if (!scenario || typeof scenario.name !== 'string' || !Array.isArray(scenario.phases)) {
    throw new UnknownScenarioError(
      `Failed to load scenario (${nameOrFile}): its default export is not a scenario`,
    )
  }
  return scenario
}
