export { startPsp, type PspOptions, type PspServer } from './psp/start-psp.js'
export type { LedgerEntry } from './psp/balance/ledger.js'
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
export { createPsp, type Psp } from './psp/start-psp.js'
export { toMswHandlers } from './core/to-msw-handlers.js'
export type { Route, RouteHandler } from './core/router.js'
export { FaultModel, type FaultModelOptions } from './faults/fault-model.js'
export type { JourneyLabels } from './faults/journey-attempts.js'
export type { WebhookDelivery, WebhookRetryPolicy } from './psp/webhooks/webhook-records.js'
export { createTax, startTax, type TaxOptions, type SimulatorServer } from './tax/start-tax.js'
export type { TaxLedgerEntry } from './tax/tax-records.js'
export { createFraud, startFraud, type Fraud, type FraudOptions } from './fraud/start-fraud.js'
export type { FraudLedgerEntry } from './fraud/fraud-state.js'
export { scoreAssessment, defaultScoringRules, type ScoringRules } from './fraud/score-assessment.js'
export { startSimulators, type Simulators, type SimulatorsOptions } from './start-simulators.js'
export {
  errorRegistry,
  stripeErrors,
  stripeErrorTypes,
  stripeDeclineCodes,
  avataxErrors,
  fraudErrors,
  adminErrors,
  type ErrorCode,
} from './error-codes.js'
