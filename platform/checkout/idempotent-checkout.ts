import type { Clock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import { requestFingerprint } from '../idempotency/fingerprint.js'
import {
  claimIdempotencyKey,
  finishIdempotencyKey,
  finishKeyWhenMoved,
  markOrderCreated,
  orderCreatedWhenMoved,
  releaseIdempotencyKey,
  type SavedResponse,
} from '../idempotency/idempotency-keys.js'
import type { CheckoutContext, CheckoutCore, CheckoutInput } from './checkout-core.js'
import type { CheckoutJournal } from './checkout-journal.js'
import { isFinalOutcome, type CheckoutOutcome } from './checkout-outcome.js'

/** What a checkout under an Idempotency-Key came to. */
export type IdempotentCheckoutResult =
  /** The core ran (or resumed) under this key. */
  | { kind: 'outcome'; outcome: CheckoutOutcome }
  /** The key finished before: its saved answer, to send again as it was. */
  | { kind: 'replay'; response: SavedResponse }
  /** The key was used with another request body. */
  | { kind: 'key_reused' }
  /** A request with the key is in flight. */
  | { kind: 'key_in_use' }

/** The idempotency layer around the checkout core (the `idempotency` safeguard). */
export interface IdempotentCheckout {
  checkout(
    input: CheckoutInput,
    context: CheckoutContext & { idempotencyKey: string },
  ): Promise<IdempotentCheckoutResult>
  /**
   * Runs a key this caller has already locked (the completer's claim) from its recovery point:
   * resumes its order, saves a final answer, unlocks it unsaved otherwise.
   */
  resumeClaimed(
    key: string,
    orderId: string,
    context: Pick<CheckoutContext, 'journey'>,
  ): Promise<CheckoutOutcome>
}

/** Collaborators of {@link withIdempotency}. */
export interface IdempotencyDeps {
  db: Db
  clock: Clock
  /** The answer saved for replay: the route's mapping of an outcome to HTTP. */
  respond: (outcome: CheckoutOutcome) => SavedResponse
  /** A lock older than this is taken over (its holder hung). */
  lockTtlMs: number
  /** This boot of the platform: locks of earlier boots are stale at once. */
  readonly bootId: number
}

/**
 * Wraps the checkout core in Brandur Leach's idempotency keys: claims the key (or replays its
 * saved answer, or refuses a key reused with another body or still in flight), runs the core
 * from the key's recovery point with a journal that records `order_created` and the final
 * answer inside the core's own transactions, and unlocks the key unsaved on a retryable outcome
 * or a failure, so a retry resumes. Not installed at all when the safeguard is off.
 *
 * @example
 * const checkouts = withIdempotency(core, { db, clock, respond: checkoutResponse, lockTtlMs: 9_000, bootId: 1 })
 * const result = await checkouts.checkout(body, { checkoutKey: key, idempotencyKey: key })
 */
export function withIdempotency(core: CheckoutCore, deps: IdempotencyDeps): IdempotentCheckout {
  const { db, clock } = deps
  const now = () => new Date(clock.now())

  function journalFor(key: string): CheckoutJournal {
    return {
      orderCreated: (tx, orderId) => markOrderCreated(tx, key, orderId, now()),
      orderCreatedWhenMoved: (orderId) => orderCreatedWhenMoved(key, orderId, now()),
      finished: (q, outcome) => finishIdempotencyKey(q, key, deps.respond(outcome), now()),
      finishedWhenMoved: (outcome) => finishKeyWhenMoved(key, deps.respond(outcome), now()),
    }
  }

  async function runClaimed(key: string, run: (journal: CheckoutJournal) => Promise<CheckoutOutcome>) {
    let outcome: CheckoutOutcome
    try {
      outcome = await run(journalFor(key))
    } catch (err) {
      await releaseIdempotencyKey(db, key, now()).catch(() => {})
      throw err
    }
    if (!isFinalOutcome(outcome)) await releaseIdempotencyKey(db, key, now())
    return outcome
  }

  return {
    async checkout(input, context) {
      const key = context.idempotencyKey
      const claim = await claimIdempotencyKey(db, {
        key,
        fingerprint: requestFingerprint('POST', '/v1/checkouts', input),
        now: now(),
        lockTtlMs: deps.lockTtlMs,
        bootId: deps.bootId,
      })
      switch (claim.kind) {
        case 'replay':
          return { kind: 'replay', response: claim.response }
        case 'reused':
          return { kind: 'key_reused' }
        case 'in_use':
          return { kind: 'key_in_use' }
        case 'claimed': {
          const { orderId } = claim
          const outcome = await runClaimed(key, (journal) =>
            orderId === undefined
              ? core.start(input, context, journal)
              : core.resume(orderId, { journey: context.journey }, journal),
          )
          return { kind: 'outcome', outcome }
        }
        default: {
          const never: never = claim
          return never
        }
      }
    },
    resumeClaimed: (key, orderId, context) =>
      runClaimed(key, (journal) => core.resume(orderId, context, journal)),
  }
}
