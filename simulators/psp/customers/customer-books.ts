/**
 * What a Customer owns besides itself: balance transactions, tax ids, its cash balance and
 * cash balance transactions, and its legacy sources (cards and bank accounts). One store so
 * that PspState gains one field, and a reset clears it all.
 */

/** A change to `customer.balance` (`cbtxn_…`): negative credits the customer, positive debits. */
export interface BalanceTransactionRecord {
  id: string
  customer: string
  amount: number
  currency: string
  description: string | null
  metadata: Record<string, string>
  created: number
  /** The customer's balance after this transaction. */
  endingBalance: number
  /** `initial` when `balance` is set on create, `adjustment` otherwise. */
  type: 'adjustment' | 'initial'
}

/** The verification states of a tax id (docs.stripe.com/billing/customer/tax-ids). */
export type TaxIdVerification = 'pending' | 'verified' | 'unverified' | 'unavailable'

/** A customer tax id (`txi_…`). */
export interface TaxIdRecord {
  id: string
  customer: string
  type: string
  value: string
  country: string | null
  created: number
  verification: { status: TaxIdVerification; verifiedName: string | null; verifiedAddress: string | null }
}

/** A customer's cash balance: funds by currency and how incoming funds are reconciled. */
export interface CashBalanceRecord {
  available: Record<string, number>
  /** null = the merchant default (automatic). */
  reconciliationMode: 'automatic' | 'manual' | null
}

/** A movement of a customer's cash balance (`ccsbtxn_…`); the simulator only funds. */
export interface CashTransactionRecord {
  id: string
  customer: string
  currency: string
  created: number
  type: 'funded'
  netAmount: number
  endingBalance: number
  reference: string
}

/** A card source (`card_…`) made from a test token. */
export interface CardSourceRecord {
  object: 'card'
  id: string
  customer: string
  brand: string
  last4: string
  expMonth: number
  expYear: number
  funding: 'credit' | 'debit'
  name: string | null
  metadata: Record<string, string>
}

/** A US bank account source (`ba_…`) made from a test token; verified with micro-deposits. */
export interface BankAccountSourceRecord {
  object: 'bank_account'
  id: string
  customer: string
  last4: string
  routingNumber: string
  accountHolderName: string | null
  accountHolderType: 'individual' | 'company' | null
  status: 'new' | 'verified' | 'verification_failed'
  metadata: Record<string, string>
}

export type SourceRecord = CardSourceRecord | BankAccountSourceRecord

/** Records by id, and the ids of each customer's records in creation order. */
export class OwnedRecords<T extends { id: string; customer: string }> {
  readonly byId = new Map<string, T>()
  private readonly byCustomer = new Map<string, string[]>()

  add(record: T): T {
    this.byId.set(record.id, record)
    const ids = this.byCustomer.get(record.customer)
    if (ids) ids.push(record.id)
    else this.byCustomer.set(record.customer, [record.id])
    return record
  }

  /** The record if it belongs to the customer (Stripe answers 404 for another customer's). */
  of(customer: string, id: string): T | undefined {
    const record = this.byId.get(id)
    return record?.customer === customer ? record : undefined
  }

  ids(customer: string): readonly string[] {
    return this.byCustomer.get(customer) ?? []
  }

  delete(id: string): void {
    const record = this.byId.get(id)
    if (!record) return
    this.byId.delete(id)
    const ids = this.byCustomer.get(record.customer)
    if (ids) ids.splice(ids.indexOf(id), 1)
  }

  clear(): void {
    this.byId.clear()
    this.byCustomer.clear()
  }
}

/** Everything customers own besides themselves. */
export class CustomerBooks {
  readonly balanceTransactions = new OwnedRecords<BalanceTransactionRecord>()
  readonly taxIds = new OwnedRecords<TaxIdRecord>()
  readonly cashTransactions = new OwnedRecords<CashTransactionRecord>()
  readonly sources = new OwnedRecords<SourceRecord>()
  readonly cash = new Map<string, CashBalanceRecord>()

  /** The customer's cash balance, made on first use. */
  cashOf(customer: string): CashBalanceRecord {
    let held = this.cash.get(customer)
    if (!held) {
      held = { available: {}, reconciliationMode: null }
      this.cash.set(customer, held)
    }
    return held
  }

  clear(): void {
    for (const owned of [this.balanceTransactions, this.taxIds, this.cashTransactions, this.sources])
      owned.clear()
    this.cash.clear()
  }
}
