import { afterAll, describe, expect, it } from 'vitest'
import { killAll, readReport, runCli, tempOut } from './run-cli.js'

afterAll(killAll)

// reset_peer on the proxy in front of the platform: the checkout happens, its answer is lost,
// the shopper retries with the same Idempotency-Key.
describe.concurrent('client-retry (real processes, real TCP resets)', () => {
  it('charges each checkout once while idempotency is on', async () => {
    const out = tempOut('client-retry-on')
    const result = await runCli(['run', 'client-retry', '--no-slos', '--duration', '4s', '--out', out])
    const report = readReport(out)
    expect(report.faultsInjected[0]).toMatchObject({ target: 'platform', kind: 'toxic:reset_peer' })
    expect(report.integrity.duplicateCharges).toBe(0)
    expect(report.integrity.lostOrders).toBe(0)
    expect(result.code, result.stdout + result.stderr).toBe(0)
  }, 60_000)

  it('counts duplicate charges per idempotency key and exits 1 when idempotency is off', async () => {
    const out = tempOut('client-retry-off')
    const result = await runCli([
      'run',
      'client-retry',
      '--no-slos',
      '--duration',
      '4s',
      '--out',
      out,
      '--safeguard',
      'idempotency=off',
    ])
    const report = readReport(out)
    expect(report.integrity.duplicateCharges).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.check === 'duplicateCharges' && f.idempotencyKey)).toBe(true)
    expect(result.code, result.stdout + result.stderr).toBe(1)
  }, 60_000)
})
