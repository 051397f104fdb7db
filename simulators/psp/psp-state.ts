import { BoundedMap } from '../core/bounded-map.js'
import type { LedgerRecord } from './ledger.js'
import type {
  ChargeRecord,
  CustomerRecord,
  EventRecord,
  IntentRecord,
  PaymentMethodRecord,
  RefundRecord,
} from './psp-records.js'

/** Records of one kind, indexed by id and kept in creation order for lists. */
export class Collection<T extends { id: string }> {
  readonly byId = new Map<string, T>()
  readonly order: string[] = []

  add(record: T): T {
    this.order.push(record.id)
    this.byId.set(record.id, record)
    return record
  }

  get(id: string): T | undefined {
    return this.byId.get(id)
  }

  get size(): number {
    return this.order.length
  }

  clear(): void {
    this.byId.clear()
    this.order.length = 0
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
  readonly intents = new Collection<IntentRecord>()
  readonly charges = new Collection<ChargeRecord>()
  readonly refunds = new Collection<RefundRecord>()
  readonly customers = new Collection<CustomerRecord>()
  readonly paymentMethods = new Collection<PaymentMethodRecord>()
  readonly intentsByCustomer = new MultiIndex()
  readonly chargesByIntent = new MultiIndex()
  readonly refundsByIntent = new MultiIndex()
  /** PaymentMethods by the customer they were attached to (check `pm.customer`: it may have moved). */
  readonly paymentMethodsByCustomer = new MultiIndex()
  readonly events: BoundedMap<string, EventRecord>
  readonly ledger: LedgerRecord[] = []
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
    this.ledger.length = 0
  }
}
