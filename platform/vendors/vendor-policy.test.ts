import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { createRandom } from '../../lib/random.js'
import { httpError, VendorError } from './vendor-errors.js'
import { createVendorPolicy, type VendorPolicyOptions } from './vendor-policy.js'
import { parseRetryAfter, retryBackoff } from './retry-backoff.js'

function policy(overrides: Partial<VendorPolicyOptions> = {}) {
  const clock = manualClock()
  const states: string[] = []
  const p = createVendorPolicy({
    vendor: 'tax',
    clock,
    random: createRandom(1),
    timeoutMs: 200,
    retries: 2,
    backoff: { initialDelayMs: 1, maxDelayMs: 20 },
    circuitBreaker: true,
    breaker: { consecutiveFailures: 2, halfOpenAfterMs: 1_000 },
    bulkhead: { maxConcurrent: 1, maxQueued: 0 },
    onBreakerStateChange: (s) => states.push(s),
    ...overrides,
  })
  return { p, clock, states }
}

const unavailable = () => httpError('tax', 503, 'ServiceUnavailable', 'down')

describe('createVendorPolicy', () => {
  it('retries a retryable failure and succeeds on a later try', async () => {
    const { p } = policy()
    const tries: number[] = []
    const result = await p.execute(async (_signal, attempt) => {
      tries.push(attempt)
      if (attempt < 3) throw unavailable()
      return 'ok'
    })
    expect(result).toBe('ok')
    expect(tries).toEqual([1, 2, 3])
  })

  it('never retries a refusal (4xx other than 408 and 429)', async () => {
    const { p } = policy()
    let tries = 0
    await expect(
      p.execute(async () => {
        tries++
        throw httpError('tax', 400, 'ModelStateInvalid', 'bad')
      }),
    ).rejects.toMatchObject({ code: 'VENDOR_HTTP_ERROR', status: 400, retryable: false })
    expect(tries).toBe(1)
  })

  it('does not retry when Retry-After asks for longer than the longest pause', async () => {
    const { p } = policy()
    let tries = 0
    await expect(
      p.execute(async () => {
        tries++
        throw httpError('tax', 429, 'TooManyRequests', 'slow down', 60_000)
      }),
    ).rejects.toMatchObject({ status: 429 })
    expect(tries).toBe(1)
  })

  it('times a hung try out and reports VENDOR_TIMEOUT after its retries', async () => {
    const { p } = policy({ timeoutMs: 20, retries: 1 })
    let tries = 0
    await expect(
      p.execute(
        (signal) =>
          new Promise((_, reject) => {
            tries++
            signal.addEventListener('abort', () => reject(new Error('aborted')))
          }),
      ),
    ).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT' })
    expect(tries).toBe(2)
  })

  it('opens after consecutive failed calls, refuses without calling, and probes on the injected clock', async () => {
    const { p, clock, states } = policy({ retries: 0 })
    for (let i = 0; i < 2; i++)
      await expect(p.execute(() => Promise.reject(unavailable()))).rejects.toThrow(VendorError)
    expect(p.isAvailable()).toBe(false)
    let called = false
    await expect(p.execute(async () => (called = true))).rejects.toMatchObject({
      code: 'VENDOR_CIRCUIT_OPEN',
    })
    expect(called).toBe(false)
    clock.advance(1_000)
    expect(p.isAvailable()).toBe(true)
    expect(await p.execute(async () => 'probe')).toBe('probe')
    expect(states).toEqual(['open', 'half-open', 'closed'])
  })

  it('refuses a call at once when the bulkhead and its queue are full', async () => {
    const { p } = policy()
    let release = () => {}
    const first = p.execute(() => new Promise<string>((resolve) => (release = () => resolve('first'))))
    await expect(p.execute(async () => 'second')).rejects.toMatchObject({ code: 'VENDOR_BULKHEAD_FULL' })
    release()
    expect(await first).toBe('first')
  })

  it('lets every call through without a bulkhead (the bulkhead safeguard off)', async () => {
    const { p } = policy({ bulkhead: undefined })
    const releases: (() => void)[] = []
    const calls = Array.from({ length: 20 }, (_, i) =>
      p.execute(() => new Promise<number>((resolve) => releases.push(() => resolve(i)))),
    )
    await new Promise((resolve) => setImmediate(resolve))
    expect(releases).toHaveLength(20)
    for (const release of releases) release()
    expect(await Promise.all(calls)).toHaveLength(20)
  })
})

describe('retryBackoff', () => {
  const context = (attempt: number, retryAfterMs?: number) => ({
    attempt,
    signal: new AbortController().signal,
    result: { error: Object.assign(new Error('x'), retryAfterMs === undefined ? {} : { retryAfterMs }) },
  })

  it('draws full jitter under an exponential ceiling, the same for the same seed', () => {
    const a = retryBackoff({ random: createRandom(3), initialDelayMs: 100, maxDelayMs: 1_000 })
    const b = retryBackoff({ random: createRandom(3), initialDelayMs: 100, maxDelayMs: 1_000 })
    const first = a.next(context(1)).duration
    expect(first).toBeGreaterThanOrEqual(0)
    expect(first).toBeLessThanOrEqual(100)
    expect(b.next(context(1)).duration).toBe(first)
    expect(a.next(context(5)).duration).toBeLessThanOrEqual(1_000)
  })

  it('waits at least what Retry-After asks, up to the longest pause', () => {
    const backoff = retryBackoff({ random: createRandom(3), initialDelayMs: 10, maxDelayMs: 1_000 })
    expect(backoff.next(context(1, 700)).duration).toBe(700)
    expect(backoff.next(context(1, 5_000)).duration).toBe(1_000)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4_000)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter(undefined, 0)).toBeUndefined()
  })
})
