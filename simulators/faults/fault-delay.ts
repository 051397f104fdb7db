import { sleep } from '../core/sleep.js'

const pending = new WeakMap<Request, number>()

/** Sets the injected latency a request is to suffer (called by the fault layer). */
export function setFaultDelay(request: Request, ms: number): void {
  if (ms > 0) pending.set(request, ms)
}

/**
 * Waits out the request's injected latency, once. A handler calls it where the vendor would be
 * slow: the PSP calls it while it holds the idempotency key, so a concurrent retry sees a 409.
 * The fault layer waits out whatever a handler did not take before it answers.
 */
export async function takeFaultDelay(request: Request): Promise<void> {
  const ms = pending.get(request)
  if (ms === undefined) return
  pending.delete(request)
  await sleep(ms)
}
