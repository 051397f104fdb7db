import { operationOutcome, type StepAnswer } from './http-step.js'
import type { PlainOutcome } from './target.js'

/** What a journey's last request came to, by the operations' rule (a 402 is the system answering). */
export function plainOutcome(answer: StepAnswer): PlainOutcome {
  const { outcome, status, detail } = operationOutcome(answer)
  if (outcome === 'ok') return { type: 'ok' }
  if (outcome === 'fail') return { type: 'fail', code: detail ?? `HTTP_${status ?? 0}` }
  return { type: 'info', reason: detail ?? 'unknown' }
}
