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

/** What a safeguard is: whether any code implements it yet, and what it prevents. */
export interface SafeguardInfo {
  /** True when switching it off changes the platform's behaviour (a test proves each). */
  readonly implemented: boolean
  /** The failure it prevents, as a game day shows it. */
  readonly prevents: string
}

/**
 * Every safeguard, implemented or not. A name no code implements is accepted by the config but
 * changes nothing, so a caller (the CLI) should refuse `--safeguard NAME=off` for it rather than
 * claim it was tested.
 *
 * @example SAFEGUARD_INFO.bulkhead.implemented // true
 */
export const SAFEGUARD_INFO = {
  idempotency: {
    implemented: true,
    prevents: 'a client retrying after a lost response creates a second order and charge',
  },
  'psp-idempotency': {
    implemented: true,
    prevents: 'the platform retrying a PSP call whose response was lost charges twice',
  },
  timeouts: { implemented: true, prevents: 'a hung vendor holds checkouts (and sockets) forever' },
  retries: {
    implemented: true,
    prevents: 'transient vendor errors fail checkouts that would have succeeded',
  },
  'circuit-breaker': {
    implemented: true,
    prevents: 'requests pile onto a dead vendor: slow failures, slow recovery',
  },
  bulkhead: {
    implemented: true,
    prevents: 'one slow vendor takes every slot, so browsing and carts degrade too',
  },
  'tax-fallback': { implemented: true, prevents: 'a tax outage fails every checkout' },
  'fraud-fail-open': { implemented: true, prevents: 'a fraud-vendor outage fails every checkout' },
  'inventory-lock': { implemented: true, prevents: 'concurrent checkouts sell more than the stock' },
  outbox: { implemented: true, prevents: 'a crash between commit and publish loses order events' },
  'webhook-dedupe': { implemented: true, prevents: 'a redelivered webhook is processed twice' },
  'webhook-signature': { implemented: true, prevents: 'a forged webhook marks an unpaid order paid' },
  reconciler: {
    implemented: true,
    prevents: 'orders stuck after crashes and lost responses; charges with no order',
  },
} as const satisfies Record<SafeguardName, SafeguardInfo>

/** A safeguard some code implements. */
export type ImplementedSafeguardName = {
  [N in SafeguardName]: (typeof SAFEGUARD_INFO)[N]['implemented'] extends true ? N : never
}[SafeguardName]

/**
 * The safeguards some code implements, in {@link SAFEGUARDS} order: the names a game day may
 * switch off and expect a difference.
 */
export const IMPLEMENTED_SAFEGUARDS: readonly ImplementedSafeguardName[] = SAFEGUARDS.filter(
  (name): name is ImplementedSafeguardName => SAFEGUARD_INFO[name].implemented,
)

/** True when `name` is a safeguard some code implements. */
export function isImplementedSafeguard(name: string): name is ImplementedSafeguardName {
  return (IMPLEMENTED_SAFEGUARDS as readonly string[]).includes(name)
}
