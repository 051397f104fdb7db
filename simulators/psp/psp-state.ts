import { BoundedMap } from '../core/bounded-map.js'
import { CustomerBooks } from './customers/customer-books.js'
import { LedgerStore } from './balance/ledger.js'
import type { DisputeRecord } from './disputes/disputes.js'
import type { SetupIntentRecord } from './setup-intents/setup-intents.js'
import type {
  ChargeRecord,
  CustomerRecord,
  EventRecord,
  IntentRecord,
  PaymentMethodRecord,
  RefundRecord,
} from './psp-records.js'

/**
 * Records of one kind, indexed by id and kept in creation order for lists. Kinds with many records
 * (intents and their charges) share one index: one Map entry per record, not one per Map (~40
 * bytes each at a million); the id's prefix tells the kinds apart on the way out.
 */
export class Collection<T extends { id: string }> {
  readonly order: string[] = []
  private readonly index: Map<string, { id: string }>

  constructor(
    private readonly prefix?: string,
    shared?: Map<string, { id: string }>,
  ) {
    this.index = shared ?? new Map()
  }

  add(record: T): T {
    this.order.push(record.id)
    this.index.set(record.id, record)
    return record
  }

  get(id: string): T | undefined {
    if (this.prefix !== undefined && !id.startsWith(this.prefix)) return undefined
    return this.index.get(id) as T | undefined
  }

  get size(): number {
    return this.order.length
  }

  clear(): void {
    for (const id of this.order) this.index.delete(id)
    this.order.length = 0
  }
}

/**
 * The charges of each intent. Nearly every intent has one, which is its `latestCharge` already:
 * only an intent with a second charge (a decline, then a retry) gets an entry here.
 */
export class ChargesByIntent {
  private readonly more = new Map<string, string[]>()
  constructor(private readonly intents: Collection<IntentRecord>) {}

  add(intentId: string, chargeId: string): void {
    const held = this.more.get(intentId)
    if (held) {
      held.push(chargeId)
      return
    }
    const earlier = this.intents.get(intentId)?.latestCharge ?? null
    if (earlier !== null && earlier !== chargeId) this.more.set(intentId, [earlier, chargeId])
  }

  get(intentId: string): readonly string[] {
    const held = this.more.get(intentId)
    if (held) return held
    const only = this.intents.get(intentId)?.latestCharge ?? null
    return only === null ? [] : [only]
  }

  clear(): void {
    this.more.clear()
  }
}

/** A secondary index: the ids of child records per parent id, in creation order. */
export class MultiIndex {
  // Most parents have one child: keep the id itself until a second one comes.
  private readonly map = new Map<string, string | string[]>()
  add(parent: string, child: string): void {
    const held = this.map.get(parent)
    if (held === undefined) this.map.set(parent, child)
    else if (typeof held === 'string') this.map.set(parent, [held, child])
    else held.push(child)
  }
  get(parent: string): readonly string[] {
    const held = this.map.get(parent)
    return held === undefined ? [] : typeof held === 'string' ? [held] : held
  }
  clear(): void {
    this.map.clear()
  }
}

/**
 * Everything the PSP simulator remembers. Hot lookups are Map-indexed so the cost of a request
 * does not grow with the number of intents; only events are bounded (`eventLimit` newest kept).
 */
export class PspState {
  private readonly paymentIds = new Map<string, { id: string }>()
  readonly intents = new Collection<IntentRecord>('pi_', this.paymentIds)
  readonly charges = new Collection<ChargeRecord>('ch_', this.paymentIds)
  readonly refunds = new Collection<RefundRecord>()
  readonly customers = new Collection<CustomerRecord>()
  readonly paymentMethods = new Collection<PaymentMethodRecord>()
  readonly intentsByCustomer = new MultiIndex()
  readonly chargesByIntent = new ChargesByIntent(this.intents)
  readonly refundsByIntent = new MultiIndex()
  /** PaymentMethods by the customer they were attached to (check `pm.customer`: it may have moved). */
  readonly paymentMethodsByCustomer = new MultiIndex()
  /** Customers' balance transactions, tax ids, cash balances and sources. */
  readonly customerBooks = new CustomerBooks()
  /** SetupIntents (setup-intents.ts). */
  readonly setupIntents = new Collection<SetupIntentRecord>()
  /** Disputes (disputes.ts), and the dispute of each disputed charge (few are). */
  readonly disputes = new Collection<DisputeRecord>()
  readonly disputesByCharge = new Map<string, string>()
  /**
   * Charge and dispute balance transactions in the order they happened, by the id they render
   * from (a charge id, or a dispute's `txn_…`); refunds' come from `refunds.order` (balance-transactions.ts).
   */
  readonly balanceOrder: string[] = []
  /** The simulator's clock in ms, for what renders by time (a balance transaction's `status`). */
  clockMs: () => number = () => 0
  readonly events: BoundedMap<string, EventRecord>
  readonly ledger = new LedgerStore()
  private readonly eventListeners: Array<(event: EventRecord) => void> = []

  constructor(eventLimit = 100_000) {
    this.events = new BoundedMap(eventLimit)
  }

  addEvent(event: EventRecord): void {
    this.events.set(event.id, event)
    for (const listener of this.eventListeners) listener(event)
  }

  onEvent(listener: (event: EventRecord) => void): void {
    this.eventListeners.push(listener)
  }

  reset(): void {
    for (const c of [this.intents, this.charges, this.refunds, this.customers, this.paymentMethods]) c.clear()
    for (const i of [
      this.intentsByCustomer,
      this.chargesByIntent,
      this.refundsByIntent,
      this.paymentMethodsByCustomer,
    ])
      i.clear()
    this.events.clear()
    this.customerBooks.clear()
    this.setupIntents.clear()
    this.disputes.clear()
    this.disputesByCharge.clear()
    this.balanceOrder.length = 0
    this.ledger.clear()
  }
}
