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

  const send = (
    request: StepRequest,
    observe?: (operation: OperationResult) => void,
  ): Promise<StepAnswer> => {
    const startMs = options.now()
    return new Promise<StepAnswer>((resolve, reject) => {
      const call = new StepCall((answer) => {
        deadline.end()
        try {
          observe?.({ name: request.name, startMs, endMs: options.now(), ...operationOutcome(answer) })
          resolve(answer)
        } catch (error) {
          // Not undici's to catch: the journey fails with it, as a throwing await would.
          reject(error as Error)
        }
      })
      const deadline = deadlines.start((error) => call.expire(error))
      try {
        pool.dispatch(
          {
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
            reset,
          },
          call,
        )
      } catch (error) {
        // A body that cannot be serialised: no answer, as any request that never went out.
        call.onError(error as Error)
      }
    })
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

/**
 * One request as undici's dispatcher plays it, the body gathered in a few chunks: `pool.request`
 * would make a Readable, an AsyncResource, a parsed header object, an AbortController and its
 * listener for each request, twice this one's CPU (a loopback POST: 35 → 20 µs). Answers once:
 * the deadline may answer first, for a request still queued for a connection.
 */
class StepCall {
  private abort: ((reason: Error) => void) | undefined
  private expired: Error | undefined
  private status = 0
  private chunks: Buffer[] = []
  private settled = false

  constructor(private readonly done: (answer: StepAnswer) => void) {}

  /** The deadline passed: on a socket, the request is aborted; queued, it ends now and never goes out. */
  expire(error: Error): void {
    if (this.settled) return
    if (this.abort) return this.abort(error)
    this.expired = error
    this.settle({ type: 'lost', reason: lostReason(error) })
  }

  onConnect(abort: (reason: Error) => void): void {
    if (this.expired) abort(this.expired)
    else this.abort = abort
  }

  onHeaders(status: number): boolean {
    // An informational 1xx precedes the answer.
    if (status >= 200) this.status = status
    return true
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk)
    return true
  }

  onComplete(): void {
    const { chunks } = this
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')
    // As undici's body.text(): a byte-order mark is not part of the text.
    const json = parseObject(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    this.settle({ type: 'answer', status: this.status, json })
  }

  onError(error: Error): void {
    this.settle({ type: 'lost', reason: lostReason(error) })
  }

  private settle(answer: StepAnswer): void {
    if (this.settled) return
    this.settled = true
    this.chunks = []
    this.done(answer)
  }
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
