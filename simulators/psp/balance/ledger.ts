/** An entry as it is recorded: shared references and a number for the time (rendered on read). */
export interface LedgerRecord {
  type: LedgerEntry['type']
  paymentIntentId: string
  amount: number
  currency: string
  idempotencyKey: string | null
  /** The intent's metadata object itself: metadata is replaced on update, never changed in place. */
  metadata: Record<string, string>
  atMs: number
}

/** Renders the n-th (0-based) ledger record as the contract's entry. */
export function renderLedgerEntry(record: LedgerRecord, index: number): LedgerEntry {
  return {
    id: `le_${index + 1}`,
    type: record.type,
    paymentIntentId: record.paymentIntentId,
    amount: record.amount,
    currency: record.currency,
    idempotencyKey: record.idempotencyKey,
    metadata: record.metadata,
    createdAt: new Date(record.atMs).toISOString(),
  }
}

/** One entry of the PSP ledger: the ground truth of money moved (contract with reports/types.ts). */
export interface LedgerEntry {
  id: string
  type: 'authorization' | 'capture' | 'refund' | 'cancel'
  paymentIntentId: string
  /** Integer minor units. */
  amount: number
  /** ISO 4217, lower case. */
  currency: string
  idempotencyKey: string | null
  /** The PaymentIntent's metadata at the time (the platform sets `order_id`, `checkout_key`). */
  metadata: Record<string, string>
  /** ISO-8601. */
  createdAt: string
}

const types: ReadonlyArray<LedgerEntry['type']> = ['authorization', 'capture', 'refund', 'cancel']
const typeIndex = new Map(types.map((type, i) => [type, i]))

/**
 * The PSP ledger, kept in columns: numbers in typed arrays, references in plain arrays. A record
 * object per entry (plus a heap number for its millisecond time) cost ~100 bytes; a row here costs
 * ~42, and an intent has two rows (authorisation and capture), at a million intents.
 */
export class LedgerStore {
  private size = 0
  private type = new Uint8Array(1024)
  private amount = new Float64Array(1024)
  private atMs = new Float64Array(1024)
  /** Index into `currencies`: a byte per row rather than a reference (there are few currencies). */
  private currency = new Uint8Array(1024)
  private readonly currencies: string[] = []
  private readonly currencyIndex = new Map<string, number>()
  private readonly paymentIntentId: string[] = []
  private readonly idempotencyKey: Array<string | null> = []
  private readonly metadata: Array<Record<string, string>> = []

  get length(): number {
    return this.size
  }

  push(record: LedgerRecord): void {
    if (this.size === this.type.length) this.grow()
    const at = this.size++
    this.type[at] = typeIndex.get(record.type) ?? 0
    this.amount[at] = record.amount
    this.atMs[at] = record.atMs
    this.currency[at] = this.indexOfCurrency(record.currency)
    this.paymentIntentId.push(record.paymentIntentId)
    this.idempotencyKey.push(record.idempotencyKey)
    this.metadata.push(record.metadata)
  }

  /** The n-th (0-based) row as a record. */
  get(n: number): LedgerRecord | undefined {
    if (n < 0 || n >= this.size) return undefined
    return {
      type: types[this.type[n] ?? 0] ?? 'authorization',
      paymentIntentId: this.paymentIntentId[n] ?? '',
      amount: this.amount[n] ?? 0,
      currency: this.currencies[this.currency[n] ?? 0] ?? '',
      idempotencyKey: this.idempotencyKey[n] ?? null,
      metadata: this.metadata[n] ?? {},
      atMs: this.atMs[n] ?? 0,
    }
  }

  /** Every row rendered as the contract's entry, oldest first; `keep` filters on the rendered entry. */
  entries(keep?: (entry: LedgerEntry) => boolean): LedgerEntry[] {
    const out: LedgerEntry[] = []
    for (let n = 0; n < this.size; n++) {
      const record = this.get(n)
      if (!record) continue
      const entry = renderLedgerEntry(record, n)
      if (!keep || keep(entry)) out.push(entry)
    }
    return out
  }

  clear(): void {
    this.size = 0
    this.paymentIntentId.length = 0
    this.idempotencyKey.length = 0
    this.metadata.length = 0
  }

  private indexOfCurrency(currency: string): number {
    let index = this.currencyIndex.get(currency)
    if (index === undefined) {
      // Currencies are validated against ISO 4217 (under 256 codes) before anything is recorded.
      index = this.currencies.push(currency) - 1
      this.currencyIndex.set(currency, index)
    }
    return index
  }

  private grow(): void {
    const capacity = this.type.length * 2
    const type = new Uint8Array(capacity)
    type.set(this.type)
    const amount = new Float64Array(capacity)
    amount.set(this.amount)
    const atMs = new Float64Array(capacity)
    atMs.set(this.atMs)
    const currency = new Uint8Array(capacity)
    currency.set(this.currency)
    this.type = type
    this.amount = amount
    this.atMs = atMs
    this.currency = currency
  }
}
