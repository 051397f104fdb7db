import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import baseline from '../catalog/baseline.js'
import refundRush from '../catalog/refund-rush.js'
import { exportK6 } from './export-k6.js'
import { everyKindScenario, mixedScenario } from './k6-test-scenarios.js'

const repo = resolve(import.meta.dirname, '../..')
const k6Types = join(repo, 'node_modules/@types/k6')

describe('exportK6', () => {
  it('writes scripts that typecheck against k6’s own types (strict)', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-k6-typecheck-'))
    try {
      const scenarios = [baseline, mixedScenario, everyKindScenario, refundRush]
      for (const scenario of scenarios) {
        await writeFile(join(dir, `${scenario.name}.ts`), exportK6(scenario).files['script.ts'] as string)
      }
      // Outside the repo, `k6/http` resolves through `paths` to the installed @types/k6.
      const tsconfig = {
        compilerOptions: {
          target: 'ES2020',
          module: 'esnext',
          moduleResolution: 'bundler',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          types: ['k6'],
          typeRoots: [join(repo, 'node_modules/@types')],
          paths: { k6: [join(k6Types, 'index.d.ts')], 'k6/*': [join(k6Types, '*/index.d.ts')] },
        },
        files: scenarios.map((s) => `${s.name}.ts`),
      }
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
      const result = await promisify(execFile)(join(repo, 'node_modules/.bin/tsc'), ['-p', dir]).then(
        () => ({ code: 0, out: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          out: error.stdout + error.stderr,
        }),
      )
      expect(result.out).toBe('')
      expect(result.code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('bakes the seed, the base URL variable and --env defaults into the script', () => {
    const script = exportK6(baseline, {
      seed: 7,
      baseUrlEnv: 'PLATFORM_URL',
      env: { RUN_ID: 'gd-ci-1' },
    }).files['script.ts'] as string
    expect(script).toContain(
      "const ENV_DEFAULTS: Record<string, string> = { PLATFORM_URL: 'http://127.0.0.1:4000', SEED: '7', RUN_ID: 'gd-ci-1' }",
    )
    expect(script).toContain("const BASE_URL = env('PLATFORM_URL')")
  })

  it('lists the SLOs k6 cannot judge in the script and the README, never dropping one silently', () => {
    const { files } = exportK6(mixedScenario)
    for (const text of [files['script.ts'], files['README.md']]) expect(text).toContain('recovers in 3 s')
    expect(files['README.md']).toMatch(/time to recover from a fault needs the fault timeline/)
  })

  it('tables the faults per phase with their start times and the commands that play them', () => {
    const readme = exportK6(mixedScenario).files['README.md'] as string
    expect(readme).toContain(
      '| rush | 2s | 8s | toxic latency on the platform link (downstream, toxicity 1; latency 300, jitter 50) | `gameday fault add platform latency --name rush-latency-0 --stream downstream --toxicity 1 --attr latency=300 --attr jitter=50` | `gameday fault remove platform rush-latency-0` |',
    )
    expect(readme).toContain(
      '`gameday fault vendor psp \'{"name":"psp 503","effect":{"type":"error","status":503}}\'`',
    )
    expect(exportK6(baseline).files['README.md']).toContain('This scenario has none')
  })

  it('names every exec function the options name', () => {
    const script = exportK6(mixedScenario).files['script.ts'] as string
    for (const exec of ['playDefault', 'playBrowsing', 'playRamp', 'playRegulars'])
      expect(script).toContain(`export function ${exec}(data: RunData): void {`)
    // The closed-model workload thinks between journeys; the open-model ones do not.
    expect(script).toContain('playArrival(data, { checkout: 1, status: 1 }, 500)')
  })
})
