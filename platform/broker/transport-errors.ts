import type { BrokerErrorCode } from './broker-errors.js'

/** What a transport failure means to a caller. */
export interface TransportFailure {
  readonly code: Extract<BrokerErrorCode, 'BROKER_UNAVAILABLE' | 'BROKER_TIMEOUT'>
  /** True when a pooled connection died under the request: one immediate retry on a fresh one is worth it. */
  readonly staleConnection: boolean
  readonly reason: string
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'])
const STALE = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])

/**
 * Classifies an undici/socket error: no answer in time → BROKER_TIMEOUT (the call may have taken
 * effect); anything else that kept us from the broker → BROKER_UNAVAILABLE.
 * @example classifyTransportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), false).code // 'BROKER_UNAVAILABLE'
 */
export function classifyTransportError(error: unknown, deadlinePassed: boolean): TransportFailure {
  const code = errorCode(error)
  const reason = error instanceof Error ? `${code ?? error.name}: ${error.message}` : String(error)
  if (deadlinePassed || (code !== undefined && TIMEOUTS.has(code))) {
    return { code: 'BROKER_TIMEOUT', staleConnection: false, reason }
  }
  return { code: 'BROKER_UNAVAILABLE', staleConnection: code !== undefined && STALE.has(code), reason }
}

/** The first `code` on the error or its causes (undici wraps socket errors). */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}
