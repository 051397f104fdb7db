/**
 * Every resilience or integrity mechanism of the platform that a game day can switch off by name.
 * The names are a contract shared with scenarios, reports and the CLI (`--safeguard NAME=off`).
 *
 * @example
 * SAFEGUARDS.includes('idempotency') // true
 */
export const SAFEGUARDS = [
  'idempotency',
  'psp-idempotency',
  'timeouts',
  'retries',
  'circuit-breaker',
  'bulkhead',
  'tax-fallback',
  'fraud-fail-open',
  'inventory-lock',
  'outbox',
  'webhook-dedupe',
  'webhook-signature',
  'reconciler',
] as const

/** One safeguard's name. */
export type SafeguardName = (typeof SAFEGUARDS)[number]

/** Whether each safeguard is on. */
export type Safeguards = Readonly<Record<SafeguardName, boolean>>

/** True when `name` is one of {@link SAFEGUARDS}. */
export function isSafeguardName(name: string): name is SafeguardName {
  return (SAFEGUARDS as readonly string[]).includes(name)
}
