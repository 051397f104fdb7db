/** One error of the broker layer: its HTTP status on the embedded broker's wire (if any), what it means, whether a retry can help. */
export interface BrokerErrorSpec {
  /** The status the embedded broker server answers with; absent for errors raised only by a client. */
  readonly status?: number
  /** True when the same call, repeated later, may succeed (publish is idempotent on its id, so retrying is safe). */
  readonly retryable: boolean
  /** One line for the README's table. */
  readonly meaning: string
}

/**
 * Every error code platform/broker/ raises, in one place, for both adapters: a relay or a consumer
 * branches on `code`, never on an adapter's own error classes. platform/broker/README.md tables
 * each; broker-errors.test.ts keeps the two in step.
 * @example
 * throw brokerError('BROKER_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:4223')
 */
export const BROKER_ERROR_CODES = {
  BROKER_UNAVAILABLE: {
    retryable: true,
    meaning: 'The broker cannot be reached: connection refused or reset, or the link is down (reconnecting)',
  },
  BROKER_TIMEOUT: {
    retryable: true,
    meaning:
      'No answer within the bounded timeout; a publish may or may not have been persisted (republish the same id)',
  },
  BROKER_JETSTREAM_DISABLED: {
    retryable: false,
    meaning: 'The NATS server does not have JetStream enabled (start it with `-js`)',
  },
  BROKER_CLOSED: { retryable: false, meaning: 'The broker handle was used after close()' },
  BROKER_CONFIG_INVALID: { retryable: false, meaning: 'An adapter or server option is out of range' },
  BROKER_INVALID_MESSAGE: {
    status: 400,
    retryable: false,
    meaning: 'A published message has an empty or too long id, or an invalid subject',
  },
  BROKER_INVALID_REQUEST: {
    status: 400,
    retryable: false,
    meaning:
      'A request body is not JSON or has a field of the wrong type or out of range (fetch max, expiresMs, delayMs…)',
  },
  BROKER_SUBJECT_NOT_IN_STREAM: {
    status: 400,
    retryable: false,
    meaning: "A published subject is not one of the stream's subjects",
  },
  BROKER_NOT_FOUND: { status: 404, retryable: false, meaning: 'No such route on the embedded broker' },
  BROKER_CONSUMER_NOT_FOUND: {
    status: 404,
    retryable: true,
    meaning:
      'The embedded broker has no durable consumer of that name (it restarted and lost its memory); the client recreates it',
  },
  BROKER_PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    meaning: 'A message (or request body) is larger than the broker accepts',
  },
  BROKER_STREAM_FULL: {
    status: 507,
    retryable: true,
    meaning:
      'The stream holds its maximum of unacknowledged messages; new ones are refused until some are acked',
  },
  BROKER_CONSUMER_LIMIT: {
    status: 507,
    retryable: false,
    meaning: 'The embedded broker already has its maximum number of durable consumers',
  },
  BROKER_PROTOCOL_ERROR: {
    retryable: false,
    meaning: 'The broker answered something this client does not understand',
  },
  BROKER_INTERNAL: { status: 500, retryable: true, meaning: 'The broker failed unexpectedly' },
} as const satisfies Record<string, BrokerErrorSpec>

/** A stable error code of the broker layer. */
export type BrokerErrorCode = keyof typeof BROKER_ERROR_CODES

/**
 * The one error class both adapters throw. `retryable` comes from the registry, so a relay can
 * decide "try again next pass" vs "stop and report" without knowing the adapter.
 */
export class BrokerError extends Error {
  readonly retryable: boolean

  constructor(
    readonly code: BrokerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'BrokerError'
    this.retryable = BROKER_ERROR_CODES[code].retryable
  }
}

/**
 * Builds a BrokerError whose message names the code: `Failed to <what>: <detail>` reads well in logs.
 * @example brokerError('BROKER_TIMEOUT', 'Failed to publish evt_1: no answer in 5000 ms')
 */
export function brokerError(code: BrokerErrorCode, detail: string, cause?: unknown): BrokerError {
  return new BrokerError(code, `${code}: ${detail}`, cause === undefined ? undefined : { cause })
}

/** True when `error` is a BrokerError with one of `codes` (any code when none are given). */
export function isBrokerError(error: unknown, ...codes: BrokerErrorCode[]): error is BrokerError {
  return error instanceof BrokerError && (codes.length === 0 || codes.includes(error.code))
}

/** True when `code` is one of the registry's codes (a code read off the wire is checked with this). */
export function isBrokerErrorCode(code: unknown): code is BrokerErrorCode {
  return typeof code === 'string' && Object.hasOwn(BROKER_ERROR_CODES, code)
}
