import { operationOutcome, type StepAnswer } from './http-step.js'
import type { PlainOutcome } from './target.js'

/** What a journey's last request came to, by the operations' rule (a 402 is the system answering). */
export function plainOutcome(answer: StepAnswer): PlainOutcome {
  const counted = operationOutcome(answer)
  if (counted.outcome === 'ok') return { type: 'ok' }
  if (counted.outcome === 'fail') return { type: 'fail', code: counted.detail }
  return { type: 'info', reason: counted.detail }
}
