import { describe, expect, it } from 'vitest'

import { aCheckout, aRunRecord, isoAt, type CheckoutPieces } from '../testing/run-record-factory.js'
import type { FraudDecision, LedgerEntry, RunRecord, TaxTransaction } from '../types.js'
import { checkIntegrity } from './check-integrity.js'
import { buildEvidence } from './evidence.js'
import { findStateMismatches } from './state-mismatches.js'

/** A paid saga checkout: captured, its SalesInvoice committed, the fraud vendor said accept. */
function aSagaCheckout(n: number): CheckoutPieces & { tax: TaxTransaction[]; fraud: FraudDecision[] } {
  const pieces = aCheckout(n)
  const order = {
    ...pieces.order,
    taxDocument: 'committed',
    taxEstimated: false,
    fraudDecision: 'accept',
    fraudSource: 'vendor',
    refundedMinor: 0,
  }
  return {
    ...pieces,
    order,
    tax: [invoice(order.id, 'Committed')],
    fraud: [decision(order.id, 'accept')],
  }
}

function invoice(code: string, status: string, type = 'SalesInvoice'): TaxTransaction {
  return {
    code,
    type,
    status,
    referenceCode: type === 'ReturnInvoice' ? code.replace(/^rfd_/, '') : null,
    totalTaxMinor: 96,
    currencyCode: 'USD',
    modifiedDate: isoAt(300),
  }
}

function decision(orderId: string, category: string): FraudDecision {
  return { orderId, decision: { id: `order_looks_${category}`, category }, createdAt: isoAt(5) }
}

function ledgerEntry(n: number, type: LedgerEntry['type'], amount = 1200): LedgerEntry {
  return {
    id: `${type}_${n}_x`,
    type,
    paymentIntentId: `pi_${n}`,
    amount,
    currency: 'usd',
    idempotencyKey: null,
    metadata: { order_id: `ord_${n}`, checkout_key: `key_${n}` },
    createdAt: isoAt(n * 100 + 40),
  }
}

/** A run of saga checkouts, every source recorded. */
function aSagaRun(checkouts = [1, 2, 3].map(aSagaCheckout)): RunRecord {
  return {
    ...aRunRecord(checkouts),
    taxTransactions: checkouts.flatMap((c) => c.tax),
    fraudDecisions: checkouts.flatMap((c) => c.fraud),
  }
}

function mismatches(record: RunRecord) {
  const evidence = buildEvidence({
    startedAt: record.startedAt,
    attempts: record.attempts,
    faults: record.faultsInjected,
    ledger: Array.isArray(record.ledger) ? record.ledger : [],
    orders: Array.isArray(record.orders) ? record.orders : [],
  })
  return findStateMismatches(evidence, {
    taxTransactions: Array.isArray(record.taxTransactions) ? record.taxTransactions : [],
    fraudDecisions: Array.isArray(record.fraudDecisions) ? record.fraudDecisions : [],
  })
}

describe('findStateMismatches', () => {
  it('finds nothing when every order agrees with the PSP, the tax vendor and the fraud vendor', () => {
    expect(mismatches(aSagaRun())).toEqual({ count: 0, findings: [] })
  })

  it('accepts the combinations a correct saga leaves: held, blocked, refunded, commit pending', () => {
    const held = aSagaCheckout(1)
    held.order = { ...held.order, status: 'held_for_review', taxDocument: 'none', fraudDecision: 'watch' }
    held.ledger = [ledgerEntry(1, 'authorization')]
    held.tax = []
    held.fraud = [decision('ord_1', 'watch')]
    const blocked = aSagaCheckout(2)
    blocked.order = { ...blocked.order, status: 'failed', taxDocument: 'none', fraudDecision: 'block' }
    blocked.order.paymentIntentIds = []
    blocked.ledger = []
    blocked.tax = []
    blocked.fraud = [decision('ord_2', 'block')]
    const refunded = aSagaCheckout(3)
    refunded.order = { ...refunded.order, status: 'refunded', refundedMinor: 1200 }
    refunded.ledger.push(ledgerEntry(3, 'refund'))
    refunded.tax.push(invoice('rfd_ord_3', 'Committed', 'ReturnInvoice'))
    const pending = aSagaCheckout(4)
    pending.order = { ...pending.order, taxDocument: 'commit_pending', fraudSource: 'fail_open' }
    pending.tax = []
    pending.fraud = []
    const canceled = aSagaCheckout(5)
    canceled.order = { ...canceled.order, status: 'failed', taxDocument: 'none', fraudDecision: 'watch' }
    canceled.ledger = [ledgerEntry(5, 'authorization'), ledgerEntry(5, 'cancel')]
    canceled.tax = []
    canceled.fraud = [decision('ord_5', 'watch')]
    expect(mismatches(aSagaRun([held, blocked, refunded, pending, canceled])).findings).toEqual([])
  })

  it('finds a paid order whose PaymentIntent was only authorised, naming every source', () => {
    const checkouts = [1, 2].map(aSagaCheckout)
    checkouts[1]!.ledger = [ledgerEntry(2, 'authorization')]
    const { count, findings } = mismatches(aSagaRun(checkouts))
    expect(count).toBe(1)
    expect(findings[0]).toMatchObject({ check: 'stateMismatches', orderId: 'ord_2', idempotencyKey: 'key_2' })
    expect(findings[0]?.detail).toBe(
      'order ord_2 is paid (tax document committed, fraud accept by vendor); PSP: pi_2 authorized; ' +
        'tax vendor: committed; fraud vendor: accept — expected for paid: PSP one intent captured or partially_refunded',
    )
    expect(findings[0]?.timeline.map((e) => e.source)).toEqual(
      expect.arrayContaining(['client', 'platform', 'psp', 'tax', 'fraud']),
    )
  })

  it('finds a failed order whose authorisation was never canceled, and one whose money was kept', () => {
    const held = aSagaCheckout(1)
    held.order = { ...held.order, status: 'failed', taxDocument: 'none' }
    held.ledger = [ledgerEntry(1, 'authorization')]
    held.tax = []
    const kept = aSagaCheckout(2)
    kept.order = { ...kept.order, status: 'failed', taxDocument: 'none' }
    kept.tax = []
    const { findings } = mismatches(aSagaRun([held, kept]))
    expect(findings.map((f) => f.orderId)).toEqual(['ord_1', 'ord_2'])
    expect(findings[0]?.detail).toMatch(
      /PSP: pi_1 authorized.*expected for failed: PSP every intent none or canceled or refunded$/,
    )
  })

  it('finds a paid order whose invoice is not committed, and a failed one whose invoice is', () => {
    const uncommitted = aSagaCheckout(1)
    uncommitted.tax = [invoice('ord_1', 'Saved')]
    const failed = aSagaCheckout(2)
    failed.order = { ...failed.order, status: 'failed', taxDocument: 'none' }
    failed.ledger = []
    const { findings } = mismatches(aSagaRun([uncommitted, failed]))
    expect(findings.map((f) => f.detail.split(' — ')[1])).toEqual([
      'expected for paid: tax vendor committed or refunded',
      'expected for failed: tax vendor none or voided',
    ])
  })

  it('finds a blocked order that was authorised, and a vendor decision the fraud vendor never made', () => {
    const blocked = aSagaCheckout(1)
    blocked.order = { ...blocked.order, status: 'failed', taxDocument: 'none', fraudDecision: 'block' }
    blocked.ledger = [ledgerEntry(1, 'authorization'), ledgerEntry(1, 'cancel')]
    blocked.tax = []
    blocked.fraud = [decision('ord_1', 'block')]
    const claimed = aSagaCheckout(2)
    claimed.fraud = [decision('ord_2', 'watch')]
    const { findings } = mismatches(aSagaRun([blocked, claimed]))
    expect(findings.map((f) => f.detail.split(' — ')[1])).toEqual([
      'expected for failed: PSP every intent none',
      'expected for paid: fraud vendor accept (the order says the vendor decided it)',
    ])
  })

  it('finds a refunded order whose refunds fall short of the capture, and refunds the order miscounts', () => {
    const short = aSagaCheckout(1)
    short.order = { ...short.order, status: 'refunded', refundedMinor: 1200 }
    short.ledger.push(ledgerEntry(1, 'refund', 500))
    const miscounted = aSagaCheckout(2)
    miscounted.order = { ...miscounted.order, refundedMinor: 300 }
    miscounted.ledger.push(ledgerEntry(2, 'refund', 500))
    const { findings } = mismatches(aSagaRun([short, miscounted]))
    expect(findings.map((f) => f.detail.split(' — ')[1])).toEqual([
      'expected for refunded: PSP one intent refunded with 1200 refunded',
      'expected for paid: PSP one intent captured or partially_refunded with 300 refunded',
    ])
  })

  it('judges PSP-only orders on their payment alone and leaves unknown statuses alone', () => {
    const plain = aCheckout(1)
    const unknown = aCheckout(2)
    unknown.order = { ...unknown.order, status: 'on_hold' }
    unknown.ledger = []
    const record = { ...aRunRecord([plain, unknown]), taxTransactions: [], fraudDecisions: [] }
    expect(mismatches(record).findings).toEqual([])
    const captured = aCheckout(3)
    captured.order = { ...captured.order, status: 'failed' }
    expect(mismatches({ ...record, ...aRunRecord([captured]) }).count).toBe(1)
  })
})

describe('stateMismatches in checkIntegrity', () => {
  it('counts the mismatches once the vendors are recorded, and fails the run', () => {
    expect(checkIntegrity(aSagaRun()).integrity).toMatchObject({ stateMismatches: 0, pass: true })
    const checkouts = [1, 2].map(aSagaCheckout)
    checkouts[0]!.order.status = 'authorized'
    const { integrity, findings } = checkIntegrity(aSagaRun(checkouts))
    expect(integrity).toMatchObject({ stateMismatches: 1, pass: false })
    expect(findings.map((f) => f.check)).toContain('stateMismatches')
  })

  it('is skipped with the reason when a source was not read', () => {
    const record = {
      ...aSagaRun(),
      fraudDecisions: { skipped: 'GET http://x/__admin/ledger failed: ECONNREFUSED' },
    }
    const { integrity } = checkIntegrity(record)
    expect(integrity).not.toHaveProperty('stateMismatches')
    expect(integrity.skipped).toContainEqual({
      check: 'stateMismatches',
      reason: 'fraud ledger not read: GET http://x/__admin/ledger failed: ECONNREFUSED',
    })
    const noOrders = { ...aSagaRun(), orders: { skipped: 'platform down' } }
    expect(checkIntegrity(noOrders).integrity.skipped).toContainEqual({
      check: 'stateMismatches',
      reason: 'platform orders not read: platform down',
    })
  })
})
