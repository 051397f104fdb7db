import {
  bulkhead,
  BulkheadRejectedError,
  handleWhen,
  noop,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel'
import type { Clock } from '../../lib/clock.js'
import type { Random } from '../../lib/random.js'
import type { BreakerBoard } from './breaker-board.js'
import { createClockBreaker, type BreakerState } from './clock-breaker.js'
import { retryBackoff } from './retry-backoff.js'
import { isRetryableVendorError, VendorError, type VendorName } from './vendor-errors.js'

/** Options of {@link createVendorPolicy}. */
export interface VendorPolicyOptions {
  vendor: VendorName
  /** The breaker's time (when its probe is due). */
  clock: Clock
  /** The backoff's jitter. */
  random: Random
  /** Per-try timeout, ms; `undefined` = none (the `timeouts` safeguard off). */
  timeoutMs: number | undefined
  /** Retries after the first try; 0 = none (the `retries` safeguard off). @default 2 */
  retries?: number
  /** Pauses between tries. @default { initialDelayMs: 50, maxDelayMs: 2000 } */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number }
  /** The breaker (the `circuit-breaker` safeguard): opens after 5 failed calls in a row (see clock-breaker.ts for its probes). */
  circuitBreaker: boolean
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number }
  /**
   * Calls in flight at once, and calls queued behind them; more are refused at once
   * (`VENDOR_BULKHEAD_FULL`). `undefined` = no bulkhead (the `bulkhead` safeguard off): every
   * call goes out, however many are waiting on the vendor already.
   */
  bulkhead: { maxConcurrent: number; maxQueued: number } | undefined
  onRetry?: (reason: string, delayMs: number) => void
  onBreakerStateChange?: (state: BreakerState) => void
  /** Where the breaker's state and the bulkhead's load are shown (`GET /__admin/breakers`). */
  board?: BreakerBoard
}

/** What a vendor client passes on to its policy: all of it but the vendor's name, which the client knows. */
export type VendorClientPolicyOptions = Omit<
  VendorPolicyOptions,
  'vendor' | 'backoff' | 'breaker' | 'retries'
> & {
  /** Retries after a first try; 0 = none. */
  retries: number
}

/** The policy's part of a client's options, so that the client's URL and credentials stay with it. */
export function policyOptions(options: VendorClientPolicyOptions): VendorClientPolicyOptions {
  const {
    clock,
    random,
    timeoutMs,
    retries,
    circuitBreaker,
    bulkhead,
    onRetry,
    onBreakerStateChange,
    board,
  } = options
  return {
    clock,
    random,
    timeoutMs,
    retries,
    circuitBreaker,
    bulkhead,
    ...(onRetry ? { onRetry } : {}),
    ...(onBreakerStateChange ? { onBreakerStateChange } : {}),
    ...(board ? { board } : {}),
  }
}

/** One vendor's resilience policy. */
export interface VendorPolicy {
  /**
   * Runs `call` through bulkhead → breaker → retries → per-try timeout. `call` gets the try's
   * abort signal (aborted at its timeout) and the try's number (1, 2, …). Every failure comes out
   * as a {@link VendorError}.
   */
  execute<T>(call: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<T>
  /** False while the breaker is open: a caller may fall back without trying. */
  isAvailable(): boolean
}

/**
 * A vendor client's policy, built once per client: cockatiel's `bulkhead`, the platform's
 * clock-driven breaker, cockatiel's `retry` (retryable errors only: connection errors, timeouts,
 * 408, 429, 5xx; with seeded full-jitter backoff that honours `Retry-After`) and cockatiel's
 * per-try `timeout`. The breaker counts whole calls (a try and its retries) as one.
 *
 * @example
 * const policy = createVendorPolicy({ vendor: 'tax', clock, random, timeoutMs: 2000, circuitBreaker: true, bulkhead: { maxConcurrent: 64, maxQueued: 256 } })
 * const quote = await policy.execute((signal) => http.post('/api/v2/transactions/create', body, { signal }))
 */
export function createVendorPolicy(options: VendorPolicyOptions): VendorPolicy {
  const { vendor } = options
  const maxDelayMs = options.backoff?.maxDelayMs ?? 2_000
  const retryable = (err: Error) =>
    err instanceof TaskCancelledError ||
    (isRetryableVendorError(err) && ((err as VendorError).retryAfterMs ?? 0) <= maxDelayMs)
  const perTry: IPolicy =
    options.timeoutMs === undefined ? noop : timeout(options.timeoutMs, TimeoutStrategy.Aggressive)
  const retries = options.retries ?? 2
  let tries: IPolicy = perTry
  if (retries > 0) {
    const retrying = retry(handleWhen(retryable), {
      maxAttempts: retries,
      backoff: retryBackoff({ random: options.random, ...options.backoff, maxDelayMs }),
    })
    const onRetry = options.onRetry
    if (onRetry) {
      retrying.onRetry((event) => onRetry('error' in event ? event.error.message : 'result', event.delay))
    }
    tries = wrap(retrying, perTry)
  }
  const limits = options.bulkhead
  const slots = limits ? bulkhead(limits.maxConcurrent, limits.maxQueued) : undefined
  const onBoard = options.board?.track(vendor, {
    enabled: options.circuitBreaker,
    // cockatiel counts free slots; the board shows calls taking them.
    ...(slots && limits
      ? {
          bulkhead: () => ({
            inFlight: limits.maxConcurrent - slots.executionSlots,
            queued: limits.maxQueued - slots.queueSlots,
            maxConcurrent: limits.maxConcurrent,
            maxQueued: limits.maxQueued,
          }),
        }
      : {}),
  })
  const onStateChange = (state: BreakerState) => {
    onBoard?.(state)
    options.onBreakerStateChange?.(state)
  }
  const breaker = createClockBreaker({
    enabled: options.circuitBreaker,
    clock: options.clock,
    isTransient: (err) => err instanceof VendorError && err.retryable,
    openError: () =>
      new VendorError(
        'VENDOR_CIRCUIT_OPEN',
        vendor,
        false,
        `Failed to call the ${vendor} vendor: the circuit breaker is open`,
      ),
    ...options.breaker,
    onStateChange,
  })
  return {
    async execute(call) {
      try {
        return await (slots ?? noop).execute(() =>
          breaker.execute(async () => {
            let attempt = 0
            try {
              // A signal per call: cockatiel's shared default would gather a listener per call.
              return await tries.execute(
                ({ signal }) =>
                  call(signal, ++attempt).catch((err: unknown) => {
                    // Aborted by the per-try timeout: a timeout, whatever the call made of the abort.
                    throw signal.aborted ? new TaskCancelledError() : err
                  }),
                new AbortController().signal,
              )
            } catch (err) {
              throw asVendorError(vendor, err)
            }
          }),
        )
      } catch (err) {
        throw asVendorError(vendor, err)
      }
    },
    isAvailable: () => breaker.isClosed(),
  }
}

function asVendorError(vendor: VendorName, err: unknown): VendorError {
  if (err instanceof VendorError) return err
  if (err instanceof TaskCancelledError) {
    return new VendorError('VENDOR_TIMEOUT', vendor, true, `Failed to call the ${vendor} vendor: timed out`)
  }
  if (err instanceof BulkheadRejectedError) {
    return new VendorError(
      'VENDOR_BULKHEAD_FULL',
      vendor,
      false,
      `Failed to call the ${vendor} vendor: too many calls in flight and queued`,
    )
  }
  const message = err instanceof Error ? err.message : String(err)
  return new VendorError(
    'VENDOR_CONNECTION_ERROR',
    vendor,
    true,
    `Failed to call the ${vendor} vendor: ${message}`,
  )
}
