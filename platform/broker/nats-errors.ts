import { brokerError, isBrokerError, type BrokerError } from './broker-errors.js'

/**
 * A nats.js error as a BrokerError with a stable code, matched by class name (nats-core's and
 * jetstream's error classes), walking `cause`s: a request timeout → BROKER_TIMEOUT; no responders
 * (no stream captures the subject) → BROKER_SUBJECT_NOT_IN_STREAM; a missing stream or consumer →
 * BROKER_CONSUMER_NOT_FOUND; a closed or broken connection → BROKER_UNAVAILABLE; a full stream →
 * BROKER_STREAM_FULL; anything else → BROKER_INTERNAL.
 * @example natsFailure(new TimeoutError(), 'publish evt_1').code // 'BROKER_TIMEOUT'
 */
export function natsFailure(error: unknown, what: string): BrokerError {
  if (isBrokerError(error)) return error
  const names: string[] = []
  const messages: string[] = []
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    names.push(e.name)
    messages.push(e.message)
  }
  const text = messages.join(': ') || String(error)
  const detail = `Failed to ${what}: ${text}`
  if (names.includes('TimeoutError')) return brokerError('BROKER_TIMEOUT', detail, error)
  if (names.includes('NoRespondersError') || /no responders/i.test(text)) {
    return brokerError('BROKER_SUBJECT_NOT_IN_STREAM', detail, error)
  }
  if (
    names.includes('StreamNotFoundError') ||
    names.includes('ConsumerNotFoundError') ||
    /consumer (not found|deleted)/i.test(text)
  ) {
    return brokerError('BROKER_CONSUMER_NOT_FOUND', detail, error)
  }
  if (
    names.some(
      (n) => n === 'ClosedConnectionError' || n === 'ConnectionError' || n === 'DrainingConnectionError',
    )
  ) {
    return brokerError('BROKER_UNAVAILABLE', detail, error)
  }
  if (/maximum (messages|bytes) exceeded/i.test(text)) return brokerError('BROKER_STREAM_FULL', detail, error)
  return brokerError('BROKER_INTERNAL', detail, error)
}
