import {
  ConstantBackoff,
  handleWhen,
  noop,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel'

/** How the PSP call is wrapped. */
export interface PspPolicyOptions {
  /** Per-try timeout, ms; `undefined` = no timeout (the `timeouts` safeguard is off). */
  timeoutMs: number | undefined
  /** Retry once on a transient error (the `retries` safeguard). */
  retry: boolean
  /** Which errors are worth one more try (connection errors, timeouts, 5xx, 409, 429). */
  isTransient: (err: Error) => boolean
  /** Pause before the retry, ms. @default 50 */
  retryDelayMs?: number
  /** Called on each retry, for logs and metrics. */
  onRetry?: (reason: string) => void
}

/**
 * `wrap(retry, timeout)`: each try gets its own timeout, and a transient failure or a timeout
 * is retried once — the same call, so the same PSP Idempotency-Key.
 */
export function createPspPolicy(options: PspPolicyOptions): IPolicy {
  const perTry =
    options.timeoutMs === undefined ? noop : timeout(options.timeoutMs, TimeoutStrategy.Aggressive)
  if (!options.retry) return perTry
  const retries = retry(handleWhen(options.isTransient), {
    maxAttempts: 1,
    backoff: new ConstantBackoff(options.retryDelayMs ?? 50),
  })
  if (options.onRetry) {
    const onRetry = options.onRetry
    retries.onRetry((event) => onRetry('error' in event ? event.error.message : 'result'))
  }
  return wrap(retries, perTry)
}
