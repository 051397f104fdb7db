import { CRASH_STEPS } from '../../platform/chaos-hooks/crash-points.js'
import { defineScenario } from '../format/scenario.js'

/**
 * The platform is SIGKILLed once at every step of the checkout saga, one step per phase — after
 * the stock is reserved, after the tax quote, the fraud decision, the PSP authorisation, the
 * capture, the paying commit and the tax commit, each before the platform recorded what the
 * vendor did — and restarted a second later. Shoppers retry with their keys; the completer and
 * the reconciler finish or repair what each crash left. The run passes when every order ends in
 * agreement with the PSP's ledger and the tax documents: nothing charged twice, nothing lost,
 * nothing unresolved, no state mismatch.
 */
export default defineScenario({
  name: 'saga-crash',
  description:
    'SIGKILL at each of the seven saga steps in turn; restart, completer and reconciler leave everything in agreement',
  teaches:
    'A SIGKILL at every step of the checkout saga in turn (stock reserved, tax quote, fraud decision, ' +
    'authorisation, capture, paying commit, tax commit), each before the platform recorded what the ' +
    'vendor did. Shopper retries with their keys, the completer and the reconciler finish or repair ' +
    'what each crash left (`idempotency`, `psp-idempotency`, `reconciler`, `outbox`). A pass is the ' +
    'integrity checks alone: nothing charged twice, nothing lost or unresolved, no state mismatch ' +
    "with the PSP's ledger or the tax documents.",
  rate: 8,
  exercises: ['reconciler', 'idempotency', 'psp-idempotency', 'outbox'],
  settleMs: 20_000,
  phases: CRASH_STEPS.map((step) => ({
    name: step.replace(/^after-/, ''),
    durationMs: 3_000,
    faults: [
      {
        kind: 'process' as const,
        target: 'platform' as const,
        action: 'crash-at' as const,
        step,
        forMs: 1_000,
      },
    ],
  })),
  slos: [],
})
