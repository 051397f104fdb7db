export { startPsp, type PspOptions, type PspServer } from './psp/start-psp.js'
export type { LedgerEntry } from './psp/ledger.js'
export type {
  AppliedFault,
  FaultEffect,
  FaultMatch,
  FaultRule,
  FaultRuleInput,
  FaultSchedule,
  LatencyDistribution,
} from './faults/fault-rule.js'
export { validateFaultRule } from './faults/validate-fault-rule.js'
