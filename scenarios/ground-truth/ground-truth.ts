import type { Clock } from '../../lib/clock.js'
import type {
  InventoryItem,
  LedgerEntry,
  PlatformOrder,
  PublishedEvent,
  ReceivedWebhook,
  Skipped,
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

/** Everything the checks read after a run: the PSP's ledger (the truth about money) and the target's lists. */
export interface GroundTruth extends TargetGroundTruth {
  ledger: LedgerEntry[] | Skipped
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

/** The reader of a stack: the PSP simulator's admin API for money, the target for the rest. */
export function groundTruthReader(options: {
  pspUrl: string
  target: GroundTruthSource
  clock: Clock
}): GroundTruthReader {
  const { pspUrl, target, clock } = options
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
      const [ledger, own] = await Promise.all([
        readGroundTruthList(pspUrl, 'ledger'),
        target.readGroundTruth(),
      ])
      return { ledger, ...own }
    },
  }
}
