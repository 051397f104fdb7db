import { Pool } from 'undici'
import { BAGGAGE_HEADER, formatJourneyBaggage } from '../../lib/journey-context.js'
import { createRequestDeadlines } from './request-deadlines.js'
import type { OperationName, OperationResult } from './target.js'

/** One request of a journey. Its operation name is also its baggage `step`. */
export interface StepRequest {
  name: OperationName
  journey: number
  /** 1 for the first send of this step, 2 for the next, … (baggage `attempt`). */
  attempt: number
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  headers?: Record<string, string>
}

/** What came back: an answer (a non-JSON body reads as `{}`), or none (`reason`: `timeout`, `ECONNRESET`, …). */
export type StepAnswer =
  { type: 'answer'; status: number; json: Record<string, unknown> } | { type: 'lost'; reason: string }

/** Sends a journey's requests over one pool, each timed and told to `observe` once. */
export interface HttpSteps {
  send(request: StepRequest, observe?: (operation: OperationResult) => void): Promise<StepAnswer>
  close(): Promise<void>
}

export interface HttpStepsOptions {
  baseUrl: string
  /** Per-request bound, ms: no answer by then is a `timeout`. */
  timeoutMs: number
  /** @default 64 */
  connections?: number
  /** false opens a connection per request, like a flaky mobile client. @default true */
  keepAlive?: boolean
  /** The driver's clock, ms since the run started (operation times). */
  now: () => number
}

/**
 * The one instrumented request. Every request says which journey, step and try it is (a W3C
 * baggage header): the proxy's toxicity and the vendors' fault fractions draw from it, so a seed
 * replays the same faults. Never rejects: a request with no answer is `lost`.
 */
export function createHttpSteps(options: HttpStepsOptions): HttpSteps {
  const pool = new Pool(options.baseUrl, {
    connections: options.connections ?? 64,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 4_000,
  })
  const deadlines = createRequestDeadlines(options.timeoutMs)
  const reset = options.keepAlive === false

  const send = async (
    request: StepRequest,
    observe?: (operation: OperationResult) => void,
  ): Promise<StepAnswer> => {
    const startMs = options.now()
    const deadline = deadlines.start()
    let answer: StepAnswer
    try {
      const res = await pool.request({
        method: request.method,
        path: request.path,
        headers: {
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          [BAGGAGE_HEADER]: formatJourneyBaggage({
            journey: request.journey,
            step: request.name,
            attempt: request.attempt,
          }),
          ...request.headers,
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: deadline.signal,
        reset,
      })
      const text = await res.body.text()
      answer = { type: 'answer', status: res.statusCode, json: parseObject(text) }
    } catch (error) {
      answer = { type: 'lost', reason: lostReason(error) }
    } finally {
      deadline.end()
    }
    observe?.({ name: request.name, startMs, endMs: options.now(), ...operationOutcome(answer) })
    return answer
  }

  return {
    send,
    async close() {
      deadlines.close()
      await pool.close()
    },
  }
}

/** An operation's outcome: `detail` always says why one was not `ok`. */
export type OperationOutcome =
  | { outcome: 'ok'; status: number }
  | { outcome: 'fail'; status: number; detail: string }
  | { outcome: 'info'; status?: number; detail: string }

/**
 * How one request counts: 2xx, and 402 (a card decline: the system answered), are `ok`; another
 * 4xx is `fail` with the problem's `code`; no answer, a timeout or a 5xx is `info`.
 */
export function operationOutcome(answer: StepAnswer): OperationOutcome {
  if (answer.type === 'lost') return { outcome: 'info', detail: answer.reason }
  const { status } = answer
  if ((status >= 200 && status < 300) || status === 402) return { outcome: 'ok', status }
  if (status >= 500) return { outcome: 'info', status, detail: unknownAnswerReason(answer) }
  return { outcome: 'fail', status, detail: problemCode(answer) ?? `HTTP_${status}` }
}

/** Why an answer leaves the outcome unknown (a 5xx, a 409): `HTTP 503 PSP_UNAVAILABLE`. */
export function unknownAnswerReason(answer: { status: number; json: Record<string, unknown> }): string {
  return `HTTP ${answer.status} ${problemCode(answer) ?? ''}`.trim()
}

/** The problem+json `code` of an answer, if it has one. */
export function problemCode(answer: { json: Record<string, unknown> }): string | undefined {
  return typeof answer.json.code === 'string' ? answer.json.code : undefined
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    // A truncated or non-JSON answer is judged by its status alone.
    return {}
  }
}

/** A short, stable reason for a request with no answer (never a URL or a body). */
function lostReason(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  // Our deadline, or undici's header/body timers set to the same bound.
  if (name === 'TimeoutError') return 'timeout'
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout'
  if (typeof code === 'string') return code
  return typeof name === 'string' ? name : 'network-error'
}
