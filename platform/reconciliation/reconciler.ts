import type { Clock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import type { Safeguards } from '../safeguards.js'
import type { TaxClient } from '../tax/tax-client.js'
import { reconcilePass, type PassSummary } from './reconcile-pass.js'
import type { ReconcilerPsp } from './reconciler-psp.js'
import type { ReconciliationReport } from './reconciliation-schemas.js'
import { readReport } from './reconciliation-store.js'

/** An order untouched this long counts as stalled: its saga died (or its answer was lost). */
export const DEFAULT_STALLED_AFTER_MS = 5_000

/** Collaborators of {@link createReconciler}. */
export interface ReconcilerDeps {
  db: Db
  clock: Clock
  /** Made on first use: a platform whose reconciler never runs opens no PSP connection for it. */
  psp: () => ReconcilerPsp
  tax: TaxClient | undefined
  safeguards: Pick<Safeguards, 'reconciler' | 'outbox'>
}

/** A pass that ran, or why none did. */
export type PassOutcome = { ran: true; pass: PassSummary } | { ran: false; reason: string }

/** The reconciler: one pass at a time, periodic or on demand, and the report of them all. */
export interface Reconciler {
  /** Runs a pass after any pass in progress; none with the `reconciler` safeguard off. */
  run(trigger: 'periodic' | 'on_demand', options?: { stalledAfterMs?: number }): Promise<PassOutcome>
  report(): Promise<ReconciliationReport>
}

/**
 * Compares the PSP's PaymentIntents with the orders and repairs what it can (`reconcilePass`).
 * Passes never overlap: an on-demand pass waits for a periodic one in progress, then runs.
 *
 * @example const reconciler = createReconciler({ db, clock, psp: () => createReconcilerPsp(opts), tax, safeguards })
 */
export function createReconciler(deps: ReconcilerDeps): Reconciler {
  let tail: Promise<unknown> = Promise.resolve()
  let psp: ReconcilerPsp | undefined
  return {
    run(trigger, options = {}) {
      if (!deps.safeguards.reconciler) {
        return Promise.resolve({ ran: false, reason: 'the reconciler safeguard is off' })
      }
      const pass = tail.then(async (): Promise<PassOutcome> => {
        psp ??= deps.psp()
        const summary = await reconcilePass(
          { db: deps.db, clock: deps.clock, psp, tax: deps.tax, outbox: deps.safeguards.outbox },
          { trigger, stalledAfterMs: options.stalledAfterMs ?? DEFAULT_STALLED_AFTER_MS },
        )
        return { ran: true, pass: summary }
      })
      tail = pass.catch(() => undefined)
      return pass
    },
    report: () => readReport(deps.db),
  }
}
