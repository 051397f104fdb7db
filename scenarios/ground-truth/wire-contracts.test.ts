import { describe, expectTypeOf, it } from 'vitest'
import type {
  AdminEventsResponse,
  AdminInventoryResponse,
  AdminOrdersResponse,
  AdminWebhooksResponse,
} from '../../platform/index.js'
import type { GROUND_TRUTH, GroundTruthItem, GroundTruthKind } from '../../reports/schemas/index.js'
import type { FraudLedgerEntry, LedgerEntry as PspLedgerEntry } from '../../simulators/index.js'
import type { TaxTransaction } from '../../simulators/tax/tax-records.js'

/** What each admin API answers, by the report's name for the list it reads from it. */
interface AdminResponses {
  ledger: { entries: PspLedgerEntry[] }
  orders: AdminOrdersResponse
  inventory: AdminInventoryResponse
  events: AdminEventsResponse
  webhooks: AdminWebhooksResponse
  taxTransactions: { transactions: TaxTransaction[] }
  fraudLedger: { entries: FraudLedgerEntry[] }
}

/** The item type of the list the report reads out of a response, under the key GROUND_TRUTH names. */
type ServedItem<K extends GroundTruthKind> =
  AdminResponses[K][(typeof GROUND_TRUTH)[K]['key'] & keyof AdminResponses[K]] extends Array<infer Item>
    ? Item
    : never

/**
 * The ground truth's wire contracts, pinned at the type level: what each component serves must
 * be what the reports read (a sender may add fields; it may not rename, drop or retype one). A
 * change on either side that breaks the contract fails `tsc`, and so `npm run check`.
 */
describe('ground-truth wire contracts', () => {
  it('serves each list under the key the report reads it from', () => {
    expectTypeOf<(typeof GROUND_TRUTH)['ledger']['key']>().toExtend<keyof AdminResponses['ledger']>()
    expectTypeOf<(typeof GROUND_TRUTH)['orders']['key']>().toExtend<keyof AdminResponses['orders']>()
    expectTypeOf<(typeof GROUND_TRUTH)['inventory']['key']>().toExtend<keyof AdminResponses['inventory']>()
    expectTypeOf<(typeof GROUND_TRUTH)['events']['key']>().toExtend<keyof AdminResponses['events']>()
    expectTypeOf<(typeof GROUND_TRUTH)['webhooks']['key']>().toExtend<keyof AdminResponses['webhooks']>()
    expectTypeOf<(typeof GROUND_TRUTH)['taxTransactions']['key']>().toExtend<
      keyof AdminResponses['taxTransactions']
    >()
    expectTypeOf<(typeof GROUND_TRUTH)['fraudLedger']['key']>().toExtend<
      keyof AdminResponses['fraudLedger']
    >()
  })

  it('serves items the report can read', () => {
    expectTypeOf<ServedItem<'ledger'>>().toExtend<GroundTruthItem<'ledger'>>()
    expectTypeOf<ServedItem<'orders'>>().toExtend<GroundTruthItem<'orders'>>()
    expectTypeOf<ServedItem<'inventory'>>().toExtend<GroundTruthItem<'inventory'>>()
    expectTypeOf<ServedItem<'events'>>().toExtend<GroundTruthItem<'events'>>()
    expectTypeOf<ServedItem<'webhooks'>>().toExtend<GroundTruthItem<'webhooks'>>()
    expectTypeOf<ServedItem<'taxTransactions'>>().toExtend<GroundTruthItem<'taxTransactions'>>()
    expectTypeOf<ServedItem<'fraudLedger'>>().toExtend<GroundTruthItem<'fraudLedger'>>()
  })

  it('is not vacuous: an item with a field renamed does not pass', () => {
    type Renamed = Omit<GroundTruthItem<'ledger'>, 'amount'> & { amountMinor: number }
    expectTypeOf<Renamed>().not.toExtend<GroundTruthItem<'ledger'>>()
    expectTypeOf<ServedItem<'ledger'>>().not.toBeNever()
  })
})
