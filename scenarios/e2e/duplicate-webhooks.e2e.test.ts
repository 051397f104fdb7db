import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

describe.concurrent('duplicate-webhooks (real processes, signed webhooks over HTTP)', () => {
  it('processes each redelivered event once while webhook-dedupe is on', async () => {
    const out = tempOut('webhooks-on')
    const result = await runCli(['run', 'duplicate-webhooks', '--no-slos', '--duration', '2s', '--out', out])
    const report = readReport(out)
    expect(report.integrity.webhooksProcessedTwice).toBe(0)
    expect(report.integrity.lostEvents).toBe(0)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 60_000)

  it('counts events processed more than once and exits 1 when webhook-dedupe is off', async () => {
    const out = tempOut('webhooks-off')
    const result = await runCli([
      'run',
      'duplicate-webhooks',
      '--no-slos',
      '--duration',
      '2s',
      '--out',
      out,
      '--safeguard',
      'webhook-dedupe=off',
    ])
    const report = readReport(out)
    expect(report.integrity.webhooksProcessedTwice).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.check === 'webhooksProcessedTwice')).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 60_000)
})
