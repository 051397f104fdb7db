import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stopwatch, systemClock } from '../../lib/clock.js'
import { startStack, type Stack } from '../stack/start-stack.js'
import { exportK6 } from './export-k6.js'
import { everyKindScenario } from './k6-test-scenarios.js'
import {
  closeK6Shim,
  loadK6Script,
  runIteration,
  shimRecord,
  type K6ScriptModule,
} from './shim/run-k6-script.js'

let stack: Stack | undefined

beforeAll(async () => {
  stack = await startStack({
    db: 'embedded',
    seed: 1,
    safeguards: {},
    runId: 'gd-k6-shim',
    clock: systemClock,
    elapsed: stopwatch(systemClock).elapsed,
  })
}, 120_000)

afterAll(async () => {
  await closeK6Shim()
  await stack?.close()
})

interface LedgerEntry {
  type: string
  metadata: Record<string, string>
}

describe('an exported k6 script, played under the shim against the reference stack', () => {
  it(
    'passes every check of every journey kind and charges each checkout key once',
    { timeout: 120_000 },
    async () => {
      const { endpoints } = stack as Stack
      const { files } = exportK6(everyKindScenario)
      const script: K6ScriptModule = await loadK6Script(files['script.ts'] as string, {
        BASE_URL: endpoints.links.platform,
        RUN_ID: 'gd-k6-shim',
      })
      const data = script.setup?.()
      expect(data).toEqual({ runId: 'gd-k6-shim' })

      // One VU plays each workload's exec function in the options' order; `buy` three times, so its
      // first and third checkouts refund in parts (every 2nd journey) and the second is left for
      // `give-back` to refund whole.
      for (const name of Object.keys(script.options.scenarios ?? {})) {
        const iterations = name === 'each-buy' ? 3 : name === 'mixed-default' ? 12 : 1
        for (let i = 0; i < iterations; i++) runIteration(script, name, i, data)
      }

      const { checks, requests, samples } = shimRecord()
      expect(checks.filter((c) => !c.ok)).toEqual([])
      const checked = new Set(checks.map((c) => c.name))
      for (const name of [
        'browse: 200',
        'view: 200',
        'cart: 201',
        'item: 200',
        'checkout: 2xx, or 402 declined',
        'status: 200',
        'refund: 2xx',
      ])
        expect(checked).toContain(name)
      // Every request says which journey, step and try it is, and is tagged with its operation.
      for (const r of requests) {
        expect(r.headers.baggage).toMatch(/^gameday\.journey=\d+,gameday\.step=[a-z]+,gameday\.attempt=\d+$/)
        expect(r.tags).toMatchObject({
          phase: expect.any(String),
          workload: expect.any(String),
          operation: expect.any(String),
        })
      }
      expect(samples.filter((s) => s.metric === 'checkout_available').every((s) => s.value === 1)).toBe(true)

      const checkouts = requests.filter((r) => r.tags.operation === 'checkout')
      const keys = new Set(checkouts.map((r) => r.headers['idempotency-key']))
      expect(keys.size).toBeGreaterThanOrEqual(3)
      for (const key of keys) expect(key).toMatch(/^gd-k6-shim-(each-buy|mixed-default)-\d+$/)
      // The PSP's ledger is the ground truth of money moved: one capture per checkout key.
      const res = await request(`${endpoints.psp}/__admin/ledger`)
      const { entries } = (await res.body.json()) as { entries: LedgerEntry[] }
      const captures = entries.filter((e) => e.type === 'capture').map((e) => e.metadata.checkout_key)
      expect(captures.sort()).toEqual([...keys].sort())
      // Partial refunds (two parts of 30%) and the whole refund reached the PSP.
      expect(entries.filter((e) => e.type === 'refund').length).toBeGreaterThanOrEqual(3)
    },
  )
})
