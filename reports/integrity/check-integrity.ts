import type { Finding, Integrity, IntegrityCheck, SkippedCheck } from '../report.js'
import type { RunRecord, Skipped } from '../types.js'
import { findAmountMismatches } from './amount-mismatches.js'
import { findChargesWithoutOrder } from './charges-without-order.js'
import { findClientCausedDuplicates } from './client-caused-duplicates.js'
import type { CheckResult } from './check-result.js'
import { findDuplicateCharges } from './duplicate-charges.js'
import { buildEvidence, type Evidence } from './evidence.js'
import { findLostOrders } from './lost-orders.js'
import { checkRank } from './check-order.js'
import { checkMoneyConservation } from './money-conservation.js'
import { findLostEvents } from './lost-events.js'
import { findOversell } from './oversell.js'
import { findWebhooksProcessedTwice } from './webhooks-processed-twice.js'
import { findPaidWithoutCapture } from './paid-without-capture.js'
import { countRecovered } from './recovered.js'
import { HELD_FOR_REVIEW } from './unresolved.js'
import { findRefundsExceedingCaptures } from './refunds-exceeding-captures.js'
import { findStateMismatches, type VendorRecords } from './state-mismatches.js'
import { findUnresolved } from './unresolved.js'

type Source = 'ledger' | 'orders'
type OptionalCheck = 'oversell' | 'lostEvents' | 'webhooksProcessedTwice'
type CountedCheck = Exclude<
  IntegrityCheck,
  | 'moneyConservation'
  | 'recovered'
  | 'heldForReview'
  | 'clientCausedDuplicates'
  | OptionalCheck
  | 'stateMismatches'
>

/** The counted checks, in report order, with the ground truth each needs. */
const COUNTED: readonly {
  check: CountedCheck
  needs: readonly Source[]
  run: (e: Evidence, r: RunRecord) => CheckResult
}[] = [
  { check: 'duplicateCharges', needs: ['ledger'], run: (e) => findDuplicateCharges(e) },
  { check: 'lostOrders', needs: ['orders'], run: (e, r) => findLostOrders(r.attempts, e) },
  { check: 'chargesWithoutOrder', needs: ['ledger', 'orders'], run: (e) => findChargesWithoutOrder(e) },
  { check: 'paidWithoutCapture', needs: ['ledger', 'orders'], run: (e) => findPaidWithoutCapture(e) },
  { check: 'amountMismatches', needs: ['ledger', 'orders'], run: (e) => findAmountMismatches(e) },
  { check: 'refundsExceedingCaptures', needs: ['ledger'], run: (e) => findRefundsExceedingCaptures(e) },
  { check: 'unresolved', needs: ['orders'], run: (e) => findUnresolved(e) },
]

/**
 * Runs every integrity check that its ground truth allows. A check whose source (PSP ledger,
 * platform orders) was skipped is listed in `skipped` with why, and its count is absent.
 * `pass` is true when no check that ran found a defect; `recovered`, `heldForReview` and
 * `clientCausedDuplicates` never fail.
 */
export function checkIntegrity(record: RunRecord): { integrity: Integrity; findings: Finding[] } {
  const ledger = readSource(record.ledger, 'PSP ledger')
  const orders = readSource(record.orders, 'platform orders')
  const missing = new Map<Source, string>()
  if ('reason' in ledger) missing.set('ledger', ledger.reason)
  if ('reason' in orders) missing.set('orders', orders.reason)
  const evidence = buildEvidence({
    startedAt: record.startedAt,
    attempts: record.attempts,
    faults: record.faultsInjected,
    ledger: 'rows' in ledger ? ledger.rows : [],
    orders: 'rows' in orders ? orders.rows : [],
  })
  const whyNot = (needs: readonly Source[]): string | undefined =>
    needs.map((source) => missing.get(source)).find((reason) => reason !== undefined)

  const counts: Omit<Integrity, 'pass' | 'skipped'> = {}
  const findings: Finding[] = []
  const skipped: SkippedCheck[] = []
  let pass = true
  for (const { check, needs, run } of COUNTED) {
    const reason = whyNot(needs)
    if (reason !== undefined) {
      skipped.push({ check, reason })
      continue
    }
    const result = run(evidence, record)
    counts[check] = result.count
    findings.push(...result.findings)
    if (result.count > 0) pass = false
  }
  const moneyReason = whyNot(['ledger', 'orders'])
  if (moneyReason === undefined) {
    const { balances, findings: unbalanced } = checkMoneyConservation(evidence)
    counts.moneyConservation = balances
    findings.push(...unbalanced)
    if (unbalanced.length > 0) pass = false
  } else skipped.push({ check: 'moneyConservation', reason: moneyReason })
  const recoveredReason = whyNot(['orders'])
  if (recoveredReason === undefined) {
    counts.recovered = countRecovered(record.attempts, evidence)
    counts.heldForReview = evidence.orders.filter((order) => order.status === HELD_FOR_REVIEW).length
  } else
    skipped.push(
      { check: 'recovered', reason: recoveredReason },
      { check: 'heldForReview', reason: recoveredReason },
    )
  // A client that retried with a fresh key paid twice by its own doing: told, never failed.
  const clientReason = whyNot(['ledger'])
  if (clientReason === undefined) {
    const result = findClientCausedDuplicates(evidence)
    counts.clientCausedDuplicates = result.count
    findings.push(...result.findings)
  } else skipped.push({ check: 'clientCausedDuplicates', reason: clientReason })
  // Checks on sources a runner may not read at all: absent source = not recorded, never 0.
  const runOptional = <T>(
    check: OptionalCheck,
    source: T[] | Skipped | undefined,
    label: string,
    run: (rows: T[]) => CheckResult,
    needs: readonly Source[] = [],
  ): void => {
    const read = source === undefined ? { reason: 'not recorded by this run' } : readSource(source, label)
    const reason = 'reason' in read ? read.reason : whyNot(needs)
    if (reason !== undefined) {
      skipped.push({ check, reason })
      return
    }
    if (!('rows' in read)) return
    const result = run(read.rows)
    counts[check] = result.count
    findings.push(...result.findings)
    if (result.count > 0) pass = false
  }
  runOptional('oversell', record.inventory, 'platform inventory', findOversell)
  runOptional(
    'lostEvents',
    record.publishedEvents,
    'published events',
    (events) => findLostEvents(evidence, events),
    ['orders'],
  )
  runOptional('webhooksProcessedTwice', record.webhooks, 'received webhooks', findWebhooksProcessedTwice)
  // Order × PSP × tax × fraud: needs all four sources.
  const vendors = readVendorRecords(record)
  const stateReason = 'reason' in vendors ? vendors.reason : whyNot(['ledger', 'orders'])
  if (stateReason !== undefined) skipped.push({ check: 'stateMismatches', reason: stateReason })
  else if ('records' in vendors) {
    const result = findStateMismatches(evidence, vendors.records)
    counts.stateMismatches = result.count
    findings.push(...result.findings)
    if (result.count > 0) pass = false
  }
  const integrity: Integrity = {
    ...countsInOrder(counts),
    pass,
    ...(skipped.length > 0
      ? { skipped: skipped.sort((a, b) => checkRank(a.check) - checkRank(b.check)) }
      : {}),
  }
  return { integrity, findings }
}

/** The counts with their keys in contract order, so report.json reads like the contract. */
function countsInOrder(counts: Omit<Integrity, 'pass' | 'skipped'>): Omit<Integrity, 'pass' | 'skipped'> {
  const entries = Object.entries(counts) as [IntegrityCheck, unknown][]
  return Object.fromEntries(entries.sort(([a], [b]) => checkRank(a) - checkRank(b)))
}

/** The rows of a ground-truth source, or why there are none (also when the runner handed nothing). */
function readSource<T>(source: T[] | Skipped | undefined, label: string): { rows: T[] } | { reason: string } {
  if (Array.isArray(source)) return { rows: source }
  const why = typeof source?.skipped === 'string' ? source.skipped : 'the run record has none'
  return { reason: `${label} not read: ${why}` }
}

/** The tax and fraud vendors' records, or why the run has none (absent: not recorded, as above). */
function readVendorRecords(record: RunRecord): { records: VendorRecords } | { reason: string } {
  if (record.taxTransactions === undefined || record.fraudDecisions === undefined)
    return { reason: 'not recorded by this run' }
  const tax = readSource(record.taxTransactions, 'tax transactions')
  if ('reason' in tax) return tax
  const fraud = readSource(record.fraudDecisions, 'fraud ledger')
  if ('reason' in fraud) return fraud
  return { records: { taxTransactions: tax.rows, fraudDecisions: fraud.rows } }
}
