import type { Clock } from '../../lib/clock.js'
import { sleep } from '../core/sleep.js'

const pending = new WeakMap<Request, { ms: number; clock: Clock }>()

/** Sets the injected latency a request is to suffer, on the fault model's clock (called by the fault layer). */
export function setFaultDelay(request: Request, ms: number, clock: Clock): void {
  if (ms > 0) pending.set(request, { ms, clock })
}

/**
 * Waits out the request's injected latency, once. A handler calls it where the vendor would be
 * slow: the PSP calls it while it holds the idempotency key, so a concurrent retry sees a 409.
 * The fault layer waits out whatever a handler did not take before it answers.
 * @note Keyed by the `Request` object itself, so two simulators in one process never share a delay.
 */
export async function takeFaultDelay(request: Request): Promise<void> {
  const delay = pending.get(request)
  if (delay === undefined) return
  pending.delete(request)
  await sleep(delay.ms, delay.clock)
}
