import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { createPsp } from '../psp/start-psp.js'

const local = { remoteAddress: '127.0.0.1', bodyTooLarge: false }
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('injected latency', () => {
  it('runs on the injected clock, not the machine’s', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1))
    const psp = createPsp({ seed: 3, clock })
    await psp.handle(
      new Request('http://psp/__admin/faults', {
        method: 'POST',
        body: JSON.stringify({ effect: { type: 'latency', distribution: { type: 'fixed', ms: 60_000 } } }),
      }),
      local,
    )
    let answered = false
    const pending = psp
      .handle(
        new Request('http://psp/v1/payment_intents', { headers: { authorization: 'Bearer sk_test_1' } }),
        local,
      )
      .then((response) => {
        answered = true
        return response
      })
    await settle()
    clock.advance(59_999)
    await settle()
    expect(answered).toBe(false)
    clock.advance(1)
    expect((await pending).status).toBe(200)
  })
})
