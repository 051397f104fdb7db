import Stripe from 'stripe'
import type { LedgerEntry } from '../balance/ledger.js'
import { startPsp, type PspOptions, type PspServer } from '../start-psp.js'

/** A PSP simulator with an official stripe client pointed at it, for the conformance tests. */
export interface Harness {
  psp: PspServer
  stripe: Stripe
  ledger(): Promise<LedgerEntry[]>
  admin(path: string, init?: RequestInit): Promise<Response>
  addFault(rule: unknown): Promise<{ id: string }>
  close(): Promise<void>
}

/** Starts a simulator on 127.0.0.1:0 and a client with `maxNetworkRetries: 0`. */
export async function startHarness(options: PspOptions = {}): Promise<Harness> {
  const psp = await startPsp({ port: 0, seed: 21, ...options })
  const stripe = new Stripe('sk_test_123', {
    host: '127.0.0.1',
    port: psp.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  })
  const admin = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${psp.url}/__admin${path}`, init)
  return {
    psp,
    stripe,
    admin,
    ledger: async () => ((await (await admin('/ledger')).json()) as { entries: LedgerEntry[] }).entries,
    addFault: async (rule) => {
      const res = await admin('/faults', { method: 'POST', body: JSON.stringify(rule) })
      if (res.status !== 201) throw new Error(`Failed to add fault rule: ${res.status} ${await res.text()}`)
      return (await res.json()) as { id: string }
    },
    close: () => psp.close(),
  }
}

/** Resolves with what a promise rejected with (undefined if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    return error as Stripe.errors.StripeError
  }
}
