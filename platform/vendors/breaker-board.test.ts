import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { createRandom } from '../../lib/random.js'
import { createBreakerBoard } from './breaker-board.js'
import { createVendorPolicy } from './vendor-policy.js'
import { VendorError } from './vendor-errors.js'

const T0 = Date.UTC(2026, 10, 25, 12)

describe('createBreakerBoard', () => {
  it('records each state change as a span on the clock, the current one open-ended', () => {
    const clock = manualClock(T0)
    const board = createBreakerBoard(clock)
    const report = board.track('psp', { enabled: true })
    clock.advance(1_000)
    report('open')
    clock.advance(5_000)
    report('half-open')
    report('half-open')
    clock.advance(10)
    report('closed')
    expect(board.read()).toEqual({
      atMs: T0 + 6_010,
      breakers: [{ vendor: 'psp', state: 'closed' }],
      history: [
        { vendor: 'psp', state: 'closed', fromMs: T0, toMs: T0 + 1_000 },
        { vendor: 'psp', state: 'open', fromMs: T0 + 1_000, toMs: T0 + 6_000 },
        { vendor: 'psp', state: 'half_open', fromMs: T0 + 6_000, toMs: T0 + 6_010 },
        { vendor: 'psp', state: 'closed', fromMs: T0 + 6_010 },
      ],
    })
  })

  it('shows a breaker switched off as disabled', () => {
    const board = createBreakerBoard(manualClock(T0))
    board.track('tax', { enabled: false })
    expect(board.read().breakers).toEqual([{ vendor: 'tax', state: 'disabled' }])
  })

  it('keeps only the newest spans', () => {
    const board = createBreakerBoard(manualClock(T0), 3)
    const report = board.track('fraud', { enabled: true })
    for (let i = 0; i < 5; i++) report(i % 2 === 0 ? 'open' : 'closed')
    const { history } = board.read()
    expect(history.map((s) => s.state)).toEqual(['open', 'closed', 'open'])
    expect(history).toHaveLength(3)
    expect(history.at(-1)?.toMs).toBeUndefined()
  })
})

describe('a vendor policy on the board', () => {
  const policy = (board: ReturnType<typeof createBreakerBoard>, clock = manualClock(T0)) =>
    createVendorPolicy({
      vendor: 'tax',
      clock,
      random: createRandom(1),
      timeoutMs: undefined,
      retries: 0,
      circuitBreaker: true,
      breaker: { consecutiveFailures: 2 },
      bulkhead: { maxConcurrent: 1, maxQueued: 2 },
      board,
    })

  it('shows its bulkhead calls in flight and queued', async () => {
    const board = createBreakerBoard(manualClock(T0))
    const tax = policy(board)
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const calls = [tax.execute(() => gate), tax.execute(() => gate)]
    await Promise.resolve()
    expect(board.read().breakers).toEqual([
      {
        vendor: 'tax',
        state: 'closed',
        bulkhead: { inFlight: 1, queued: 1, maxConcurrent: 1, maxQueued: 2 },
      },
    ])
    release()
    await Promise.all(calls)
    expect(board.read().breakers[0]?.bulkhead).toMatchObject({ inFlight: 0, queued: 0 })
  })

  it('shows its breaker open after failures in a row', async () => {
    const clock = manualClock(T0)
    const board = createBreakerBoard(clock)
    const tax = policy(board, clock)
    const fail = () => Promise.reject(new VendorError('VENDOR_HTTP_ERROR', 'tax', true, 'down'))
    await expect(tax.execute(fail)).rejects.toThrow()
    clock.advance(100)
    await expect(tax.execute(fail)).rejects.toThrow()
    expect(board.read().breakers[0]?.state).toBe('open')
    expect(board.read().history.at(-1)).toEqual({ vendor: 'tax', state: 'open', fromMs: T0 + 100 })
  })
})
