import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  BROKER_ERROR_CODES,
  brokerError,
  isBrokerError,
  isBrokerErrorCode,
  type BrokerErrorCode,
} from './broker-errors.js'
import { classifyTransportError } from './transport-errors.js'
import { natsFailure } from './nats-errors.js'

/** The README's "Error codes" table: code → "status, retryable" cells ('—' when no status). */
function documentedCodes(): Map<string, string> {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
  const start = readme.indexOf('\n## Error codes')
  expect(start, 'platform/broker/README.md has no "## Error codes" section').toBeGreaterThanOrEqual(0)
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next < 0 ? undefined : next)
  const rows = new Map<string, string>()
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \| ([^|]+) \|/gm)) {
    rows.set(match[1] ?? '', `${(match[2] ?? '').trim()}, ${(match[3] ?? '').trim()}`)
  }
  return rows
}

const named = (name: string, message = name, cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { name })

describe('the broker error registry', () => {
  it('documents every code in platform/broker/README.md with its HTTP status and retryability, and nothing else', () => {
    const documented = documentedCodes()
    const registry = Object.entries(BROKER_ERROR_CODES) as Array<
      [BrokerErrorCode, { status?: number; retryable: boolean }]
    >
    const wrong = registry.filter(
      ([code, spec]) => documented.get(code) !== `${spec.status ?? '—'}, ${spec.retryable ? 'yes' : 'no'}`,
    )
    expect(wrong.map(([code]) => code)).toEqual([])
    expect([...documented.keys()].filter((code) => !isBrokerErrorCode(code))).toEqual([])
  })

  it('builds errors that carry their code and retryability', () => {
    const error = brokerError('BROKER_TIMEOUT', 'Failed to publish evt_1: no answer')
    expect(error).toMatchObject({ code: 'BROKER_TIMEOUT', retryable: true, name: 'BrokerError' })
    expect(isBrokerError(error, 'BROKER_TIMEOUT')).toBe(true)
    expect(isBrokerError(error, 'BROKER_CLOSED')).toBe(false)
    expect(brokerError('BROKER_JETSTREAM_DISABLED', 'x').retryable).toBe(false)
  })

  it('classifies transport failures', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code })
    expect(classifyTransportError(withCode('ECONNREFUSED'), false)).toMatchObject({
      code: 'BROKER_UNAVAILABLE',
      staleConnection: false,
    })
    expect(classifyTransportError(withCode('UND_ERR_SOCKET'), false)).toMatchObject({
      code: 'BROKER_UNAVAILABLE',
      staleConnection: true,
    })
    expect(classifyTransportError(withCode('UND_ERR_HEADERS_TIMEOUT'), false).code).toBe('BROKER_TIMEOUT')
    expect(classifyTransportError(new Error('aborted'), true).code).toBe('BROKER_TIMEOUT')
  })

  it('maps nats.js errors by class name', () => {
    expect(natsFailure(named('TimeoutError'), 'publish').code).toBe('BROKER_TIMEOUT')
    expect(natsFailure(named('RequestError', 'x', named('NoRespondersError')), 'publish').code).toBe(
      'BROKER_SUBJECT_NOT_IN_STREAM',
    )
    expect(natsFailure(named('ConsumerNotFoundError'), 'fetch').code).toBe('BROKER_CONSUMER_NOT_FOUND')
    expect(natsFailure(named('ClosedConnectionError'), 'fetch').code).toBe('BROKER_UNAVAILABLE')
    expect(natsFailure(named('JetStreamApiError', 'maximum messages exceeded'), 'publish').code).toBe(
      'BROKER_STREAM_FULL',
    )
    expect(natsFailure(new Error('odd'), 'publish').code).toBe('BROKER_INTERNAL')
  })
})
