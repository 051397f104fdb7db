import type { IntegrityCheck } from '../report.js'

/** Every integrity check, in the order of report.json's contract. */
export const CHECK_ORDER: readonly IntegrityCheck[] = [
  'duplicateCharges',
  'lostOrders',
  'chargesWithoutOrder',
  'paidWithoutCapture',
  'amountMismatches',
  'refundsExceedingCaptures',
  'oversell',
  'moneyConservation',
  'stateMismatches',
  'lostEvents',
  'webhooksProcessedTwice',
  'unresolved',
  'recovered',
]

/** A check's position in the contract, for sorting. */
export function checkRank(check: IntegrityCheck): number {
  return CHECK_ORDER.indexOf(check)
}
