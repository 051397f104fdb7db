import { request } from 'undici'
import type { Reconciliation } from '../../reports/report.js'

/** What the platform's `POST /__admin/reconcile` answers (the part read here). */
interface ReconcileAnswer {
  ran: boolean
  reason?: string
  report: Omit<Reconciliation, 'repaired'> & {
    repaired: Array<Omit<Reconciliation['repaired'][number], 'atMs'> & { atMs: number }>
  }
}

/**
 * One last reconciler pass once the run has settled, before the ground truth is read, so the
 * ledger and the orders are compared as the reconciler leaves them: returns its results over the
 * whole run, repair times in ms since the run started. `undefined` when the reconciler is off
 * (the pass does not run) or the platform would not answer — the report then has no
 * `reconciliation`, rather than an invented one.
 *
 * @example const reconciliation = await lastReconcile(platformUrl, zeroEpochMs, event)
 */
export async function lastReconcile(
  platformUrl: string,
  zeroEpochMs: number,
  onEvent: (event: string) => void = () => {},
): Promise<Reconciliation | undefined> {
  let answer: ReconcileAnswer
  try {
    const res = await request(`${platformUrl}/__admin/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    })
    if (res.statusCode !== 200) {
      onEvent(
        `the last reconciler pass failed (HTTP ${res.statusCode}): ${(await res.body.text()).slice(0, 200)}`,
      )
      return undefined
    }
    answer = (await res.body.json()) as ReconcileAnswer
  } catch (error) {
    onEvent(`the last reconciler pass failed: ${(error as Error).message}`)
    return undefined
  }
  if (!answer.ran) return undefined
  const { report } = answer
  onEvent(
    `reconciler: ${report.passes} passes, ${report.ordersChecked} orders and ${report.paymentsChecked} payments checked, ` +
      `${report.repaired.length} repaired, ${report.unrepaired} unrepaired`,
  )
  return {
    ordersChecked: report.ordersChecked,
    paymentsChecked: report.paymentsChecked,
    repaired: report.repaired.map((r) => ({ ...r, atMs: Math.max(0, Math.round(r.atMs - zeroEpochMs)) })),
    mismatches: report.mismatches,
    unrepaired: report.unrepaired,
    discrepancyRate: report.discrepancyRate,
    passes: report.passes,
  }
}
