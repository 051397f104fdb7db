import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { xmlProblems } from '../../reports/testing/xml-well-formed.js'
import { probeCommand } from '../commands/probe-command.js'
import type { ProbeDocument } from './probe-document.js'

/**
 * A constant stream of checkouts in one phase, with SLOs generous enough that a shared machine
 * holds them at these rates: the probe climbs until --max-steps and answers its last rate.
 */
const SCENARIO = `export default {
  name: 'probe-e2e',
  description: 'A constant rate of checkouts, for the probe',
  rate: 4,
  settleMs: 2000,
  phases: [{ name: 'steady', durationMs: 1500 }],
  slos: [
    { name: 'p99 under 5 s', metric: 'latency.p99', comparator: '<=', threshold: 5000, unit: 'ms' },
    { name: 'availability', metric: 'availability', comparator: '>=', threshold: 0.5, unit: 'ratio' },
  ],
}
`

const dir = mkdtempSync(join(tmpdir(), 'gameday-probe-'))
// Stops a step still under way if the test gives up on it: the game day heals and closes its stack.
const stop = new AbortController()

afterAll(() => {
  stop.abort()
  rmSync(dir, { recursive: true, force: true })
})

describe('gameday probe (real processes)', () => {
  it('plays a step per rate, climbs 10% a step, and answers the last rate that held every SLO', async () => {
    const file = join(dir, 'probe-e2e.mjs')
    writeFileSync(file, SCENARIO)
    const out = join(dir, 'out')
    let stdout = ''
    let stderr = ''
    const sink = (write: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          write(chunk.toString())
          done()
        },
      })
    const code = await probeCommand(
      [file, '--step-duration', '1.5s', '--max-steps', '2', '--seed', '3', '--out', out, '--ci'],
      { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)) },
      { signal: stop.signal },
    )
    expect(code, stdout + stderr).toBe(0)

    const document = JSON.parse(readFileSync(join(out, 'probe.json'), 'utf8')) as ProbeDocument
    expect(document).toMatchObject({
      scenario: 'probe-e2e',
      seed: 3,
      stepDurationMs: 1_500,
      stopReason: 'max-steps',
    })
    expect(document.steps.map((step) => step.rate)).toEqual([4, 4.4])
    expect(document.steps.every((step) => step.passed)).toBe(true)
    expect(document.maxPassingRate).toBe(4.4)
    for (const step of document.steps) {
      expect(step.slos.map((slo) => slo.name)).toEqual(['p99 under 5 s', 'availability'])
      expect(step.achievedRate).toBeGreaterThan(0)
      expect(step.latencyP99).toBeGreaterThan(0)
    }
    // Each step is a whole game day with its own reports.
    expect(existsSync(join(out, 'step-01-4.0', 'report.json'))).toBe(true)
    expect(existsSync(join(out, 'step-02-4.4', 'report.json'))).toBe(true)

    const svg = readFileSync(join(out, 'probe.svg'), 'utf8')
    expect(xmlProblems(svg)).toEqual([])
    expect(svg.match(/<circle class="step"/g)).toHaveLength(4)
    expect(readFileSync(join(out, 'probe.md'), 'utf8')).toContain(
      'max rate with every SLO held: 4.4 journeys/s',
    )

    expect(stdout).toMatch(/step 1 {2}4\.0\/s {2}p99 \d+ ms {2}availability [\d.]+% {2}✓ all SLOs/)
    expect(stdout).toContain('max rate with every SLO held: 4.4 journeys/s')
  }, 90_000)
})
