import type { IntegrityCheck } from '../report.js'
import { INTEGRITY_CHECKS } from '../schemas/integrity-schema.js'

/** Every integrity check, in the order of report.json's contract (the schema's list). */
export const CHECK_ORDER: readonly IntegrityCheck[] = INTEGRITY_CHECKS

/** A check's position in the contract, for sorting. */
export function checkRank(check: IntegrityCheck): number {
  return CHECK_ORDER.indexOf(check)
}
