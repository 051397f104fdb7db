import type { Clock } from '../../lib/clock.js'
import type {
  FraudDecision,
  InventoryItem,
  LedgerEntry,
  PlatformOrder,
  PublishedEvent,
  ReceivedWebhook,
  Skipped,
  TaxTransaction,
} from '../../reports/types.js'
import { sleep } from '../load/abortable-sleep.js'
import { readGroundTruthList, readJson } from './read-source.js'

/** The lists a target holds; the checks that need a missing one are listed as skipped. */
export interface TargetGroundTruth {
  orders: PlatformOrder[] | Skipped
  inventory: InventoryItem[] | Skipped
  publishedEvents: PublishedEvent[] | Skipped
  webhooks: ReceivedWebhook[] | Skipped
}

/** What the reader asks of a target (target/target.ts's `Target` is one). */
export interface GroundTruthSource {
  /** Whether the target's own work has settled: nothing mid-payment, every event relayed. */
  isQuiet(): Promise<boolean>
  /** The target's side of the ground truth; a list it cannot give is `{ skipped: why }`, never `[]`. */
  readGroundTruth(): Promise<TargetGroundTruth>
}

/**
 * Everything the checks read after a run: the PSP's ledger (the truth about money), the tax and
 * fraud simulators' records (the truth about tax documents and fraud decisions) and the target's lists.
 */
export interface GroundTruth extends TargetGroundTruth {
  ledger: LedgerEntry[] | Skipped
  /** Absent from records made before these sources were read; the reader always fills them. */
  taxTransactions?: TaxTransaction[] | Skipped
  fraudDecisions?: FraudDecision[] | Skipped
}

export interface GroundTruthReader {
  /**
   * Quiescence (checking-correctness): with faults healed, waits until the PSP has no webhook
   * delivery pending and the target is quiet, or until `maxMs`, when the checks report what is
   * still unsettled.
   */
  settle(maxMs: number): Promise<{ settled: boolean; waitedMs: number }>
  read(): Promise<GroundTruth>
}

/**
 * The reader of a stack: the PSP simulator's admin API for money, the tax and fraud simulators'
 * for their documents and decisions (skipped, with why, when their URL is not given), the target
 * for the rest.
 */
export function groundTruthReader(options: {
  pspUrl: string
  /** The tax simulator's base URL (its admin API, not through a proxy). */
  taxUrl?: string | undefined
  /** The fraud simulator's base URL (its admin API, not through a proxy). */
  fraudUrl?: string | undefined
  target: GroundTruthSource
  clock: Clock
}): GroundTruthReader {
  const { pspUrl, taxUrl, fraudUrl, target, clock } = options
  const pspQuiet = async () => {
    const webhooks = await readJson<{ pending?: number }>(`${pspUrl}/__admin/webhooks`)
    return !('skipped' in webhooks) && (webhooks.pending ?? 0) === 0
  }
  return {
    async settle(maxMs) {
      const started = clock.monotonic()
      const waited = () => clock.monotonic() - started
      for (;;) {
        const quiet = await Promise.all([pspQuiet(), target.isQuiet()]).then(
          ([psp, own]) => psp && own,
          () => false,
        )
        if (quiet) return { settled: true, waitedMs: waited() }
        if (waited() >= maxMs) return { settled: false, waitedMs: waited() }
        await sleep(200)
      }
    },
    async read() {
      const [ledger, taxTransactions, fraudDecisions, own] = await Promise.all([
        readGroundTruthList(pspUrl, 'ledger'),
        taxUrl === undefined
          ? { skipped: 'no tax simulator in this stack' }
          : readGroundTruthList(taxUrl, 'taxTransactions'),
        fraudUrl === undefined
          ? { skipped: 'no fraud simulator in this stack' }
          : readGroundTruthList(fraudUrl, 'fraudLedger'),
        target.readGroundTruth(),
      ])
      return { ledger, taxTransactions, fraudDecisions, ...own }
    },
  }
}
