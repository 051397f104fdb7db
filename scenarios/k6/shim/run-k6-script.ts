import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { shimState, type ShimState } from './state.js'

/** The k6 modules the shim stands in for, by specifier. */
const SHIM_MODULES: Record<string, string> = {
  k6: './k6.ts',
  'k6/http': './http.ts',
  'k6/execution': './execution.ts',
  'k6/metrics': './metrics.ts',
  'k6/options': './options.ts',
}

/** A k6 script's module as the shim loaded it: `options`, `setup`, and its exec functions. */
export interface K6ScriptModule {
  options: { scenarios?: Record<string, { exec?: string; executor: string; tags?: Record<string, string> }> }
  setup?: () => unknown
  [exported: string]: unknown
}

/**
 * Loads a k6 script in Node: its `k6`, `k6/http`, `k6/execution`, `k6/metrics` and `k6/options`
 * imports pointed at this folder's stand-ins, through tsx (as scenario files are loaded). `__ENV`
 * is `env`; this thread is the one VU.
 * @example const script = await loadK6Script(source, { BASE_URL: stack.endpoints.links.platform })
 */
export async function loadK6Script(
  source: string,
  env: Record<string, string> = {},
): Promise<K6ScriptModule> {
  const rewritten = source.replace(
    /(from\s+)'(k6(?:\/[a-z]+)?)'/g,
    (whole, from: string, specifier: string) => {
      const shim = SHIM_MODULES[specifier]
      if (!shim) throw new Error(`Failed to load the k6 script (${specifier}): the shim has no such module`)
      return `${from}'${new URL(shim, import.meta.url).href}'`
    },
  )
  const globals = globalThis as Record<string, unknown>
  globals.__ENV = { ...env }
  globals.__VU = 1
  globals.__ITER = 0
  const dir = await mkdtemp(join(tmpdir(), 'gameday-k6-shim-'))
  try {
    // .mts: an ES module wherever the temporary folder is (a .ts outside a module package loads as CommonJS).
    const file = join(dir, 'script.mts')
    await writeFile(file, rewritten)
    const { tsImport } = await import('tsx/esm/api')
    return (await tsImport(pathToFileURL(file).href, import.meta.url)) as K6ScriptModule
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Plays iteration `iterationInTest` of the k6 scenario `scenarioName`: its exec function, with
 * `exec.scenario` and the scenario's tags set as k6 sets them.
 */
export function runIteration(
  script: K6ScriptModule,
  scenarioName: string,
  iterationInTest: number,
  data: unknown,
): void {
  const scenario = script.options.scenarios?.[scenarioName]
  if (!scenario) throw new Error(`Failed to run an iteration (${scenarioName}): no such k6 scenario`)
  const fn = script[scenario.exec ?? 'default']
  if (typeof fn !== 'function')
    throw new Error(`Failed to run an iteration (${scenarioName}): no exec function ${scenario.exec}`)
  const state = shimState()
  state.scenario = { name: scenarioName, iterationInTest, tags: { ...scenario.tags } }
  ;(globalThis as Record<string, unknown>).__ITER = iterationInTest
  ;(fn as (data: unknown) => void)(data)
}

/** What the shim recorded so far: checks, requests, metric samples. */
export function shimRecord(): Pick<ShimState, 'checks' | 'requests' | 'samples'> {
  const { checks, requests, samples } = shimState()
  return { checks, requests, samples }
}

/** Forgets what was recorded and stops the HTTP worker. */
export async function closeK6Shim(): Promise<void> {
  const state = shimState()
  state.checks.length = 0
  state.requests.length = 0
  state.samples.length = 0
  await state.closeWorker?.()
  state.closeWorker = undefined
}
