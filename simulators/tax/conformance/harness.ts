import avatax from 'avatax'
import type * as ClientModule from 'avatax/lib/AvaTaxClient.js'
import { manualClock, type ManualClock } from '../../../lib/clock.js'
import type { TaxLedgerEntry, TaxTransaction } from '../tax-records.js'
import { startTax, type SimulatorServer, type TaxOptions } from '../start-tax.js'

/**
 * The official client, as an application imports it (`import Avatax from 'avatax'`).
 * @note The package's entry sets `module.exports` to the class, while its types declare an ES
 * default export; under `nodenext` TypeScript types the import as the module, so the class is
 * typed from its own file. Nothing of the client itself is changed.
 */
type AvaTaxClass = typeof ClientModule.default.default
const Avatax = avatax as unknown as AvaTaxClass
type Avatax = InstanceType<AvaTaxClass>

/** The simulator's clock in these tests: 30 November 2026, noon UTC. */
export const today = '2026-11-30'

/** A running tax simulator, the official client pointed at it, and admin helpers. */
export interface Harness {
  tax: SimulatorServer
  clock: ManualClock
  client: Avatax
  /** A client for the same simulator with other credentials (or none). */
  clientWith(security?: Parameters<Avatax['withSecurity']>[0]): Avatax
  ledger(): Promise<TaxLedgerEntry[]>
  transactions(): Promise<TaxTransaction[]>
  close(): Promise<void>
}

/** Starts the simulator on a free port with a manual clock, and the official client against it. */
export async function startHarness(options: TaxOptions = {}): Promise<Harness> {
  const clock = manualClock(Date.parse(`${today}T12:00:00Z`))
  const tax = await startTax({ port: 0, seed: 11, idSalt: 'conformance', clock, ...options })
  const clientWith = (security?: Parameters<Avatax['withSecurity']>[0]): Avatax => {
    const client = new Avatax({
      appName: 'gameday-conformance',
      appVersion: '1.0',
      machineName: 'ci',
      environment: tax.url,
      timeout: 10_000,
    })
    return security ? client.withSecurity(security) : client
  }
  const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${tax.url}${path}`)).json()) as T
  return {
    tax,
    clock,
    client: clientWith({ accountId: '1100000000', licenseKey: 'conformance-license-key' }),
    clientWith,
    ledger: async () => (await admin<{ entries: TaxLedgerEntry[] }>('/__admin/ledger')).entries,
    transactions: async () =>
      (await admin<{ transactions: TaxTransaction[] }>('/__admin/transactions')).transactions,
    close: () => tax.close(),
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('Failed to reject: the call succeeded')
}

/** A CreateTransactionModel for Seattle: 200.00 taxable and 10.00 exempt (`NT`). */
export function saleModel(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'SalesInvoice',
    companyCode: 'GAMEDAY',
    date: today,
    customerCode: 'cus_1',
    code: 'ord_1',
    addresses: {
      shipFrom: {
        line1: '1 Warehouse Way',
        city: 'Portland',
        region: 'OR',
        country: 'US',
        postalCode: '97204',
      },
      shipTo: { line1: '1 Main St', city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101' },
    },
    lines: [
      { number: '1', quantity: 2, amount: 200, taxCode: 'P0000000', itemCode: 'sku_tshirt' },
      { number: '2', quantity: 1, amount: 10, taxCode: 'NT', itemCode: 'sku_gift_wrap' },
    ],
    ...over,
  }
}
