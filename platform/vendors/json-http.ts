import { Pool } from 'undici'
import type { Clock } from '../../lib/clock.js'
import { BAGGAGE_HEADER, formatJourneyBaggage, type JourneyContext } from '../../lib/journey-context.js'
import { parseRetryAfter } from './retry-backoff.js'
import { VendorError, type VendorName } from './vendor-errors.js'

/** One answer of a vendor: its status, its parsed JSON body, its `Retry-After` in ms. */
export interface JsonAnswer {
  status: number
  body: unknown
  retryAfterMs: number | undefined
}

/** A request's options. */
export interface JsonRequestOptions {
  /** Aborts the request (the policy's per-try timeout). */
  signal: AbortSignal
  /** Sent as `baggage` naming the step and try, which the vendor simulators key faults on. */
  journey?: { context: JourneyContext; step: string; attempt: number } | undefined
}

/** JSON over one keep-alive undici pool to one vendor origin. */
export interface JsonHttp {
  request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: JsonRequestOptions,
  ): Promise<JsonAnswer>
  close(): Promise<void>
}

/** Answers above this are refused rather than buffered (no vendor answer of ours comes near). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024

/**
 * A small JSON client on undici's `Pool`: connection failures and unreadable bodies become
 * {@link VendorError}s (retryable: the call may not have been processed, and every vendor call
 * the platform makes is safe to repeat); any answer with a JSON body comes back for the caller
 * to judge.
 *
 * @example
 * const http = createJsonHttp({ vendor: 'tax', baseUrl, headers: { authorization }, clock, connections: 64 })
 * const answer = await http.request('POST', '/api/v2/transactions/create', model, { signal })
 */
export function createJsonHttp(options: {
  vendor: VendorName
  baseUrl: string
  headers: Record<string, string>
  clock: Clock
  /** Sockets to the vendor at most; `null` = no cap. */
  connections: number | null
}): JsonHttp {
  const { vendor, clock } = options
  const pool = new Pool(options.baseUrl, { connections: options.connections, keepAliveTimeout: 10_000 })
  return {
    async request(method, path, body, { signal, journey }) {
      const headers: Record<string, string> = { ...options.headers, accept: 'application/json' }
      if (body !== undefined) headers['content-type'] = 'application/json'
      if (journey) {
        headers[BAGGAGE_HEADER] = formatJourneyBaggage({
          journey: journey.context.journey,
          step: journey.step,
          attempt: journey.attempt,
        })
      }
      let res: Awaited<ReturnType<Pool['request']>>
      try {
        res = await pool.request({
          method,
          path,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal,
        })
      } catch (err) {
        throw new VendorError(
          'VENDOR_CONNECTION_ERROR',
          vendor,
          true,
          `Failed to call the ${vendor} vendor (${method} ${path}): ${err instanceof Error ? err.message : String(err)}`,
        )
      }
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], clock.now())
      let text: string
      try {
        const length = Number(res.headers['content-length'] ?? 0)
        if (length > MAX_ANSWER_BYTES) {
          await res.body.dump()
          throw new Error(`answer of ${length} bytes`)
        }
        text = await res.body.text()
      } catch (err) {
        throw unreadable(vendor, method, path, res.statusCode, err)
      }
      try {
        return { status: res.statusCode, body: JSON.parse(text) as unknown, retryAfterMs }
      } catch (err) {
        throw unreadable(vendor, method, path, res.statusCode, err)
      }
    },
    close: () => pool.close(),
  }
}

function unreadable(
  vendor: VendorName,
  method: string,
  path: string,
  status: number,
  err: unknown,
): VendorError {
  return new VendorError(
    'VENDOR_BAD_RESPONSE',
    vendor,
    true,
    `Failed to read the ${vendor} vendor's answer (${method} ${path}, HTTP ${status}): ${err instanceof Error ? err.message : String(err)}`,
    status,
  )
}
