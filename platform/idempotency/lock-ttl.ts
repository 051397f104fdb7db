import type { PlatformConfig } from '../config.js'

/**
 * How long an idempotency lock holds before another request may take it over: longer than the
 * longest PSP call (two tries and the pause between), so a live request keeps its lock.
 */
export function lockTtlMs(config: Pick<PlatformConfig, 'pspTimeoutMs' | 'safeguards'>): number {
  return config.safeguards.timeouts ? 2 * config.pspTimeoutMs + 5_000 : 300_000
}
