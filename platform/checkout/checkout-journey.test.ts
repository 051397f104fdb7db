import { describe, expect, it } from 'vitest'
import { usePlatformFixture } from '../testing/platform-fixture.js'
import { cartWith } from '../testing/test-platform.js'

/** The journey of an incoming checkout goes on to the PSP, as the stub PSP (a real HTTP server) sees it. */
const fx = usePlatformFixture()

function checkout(app: ReturnType<typeof fx.app>, cartId: string, key: string, baggage?: string) {
  return app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key, ...(baggage === undefined ? {} : { baggage }) },
    payload: { cartId, paymentMethod: 'pm_card_visa' },
  })
}

describe('journey context on PSP calls', () => {
  it('sends the request journey with step psp.create and the try number, 2 on the retry', async () => {
    const app = fx.app()
    fx.psp.fault('error-500', 1)
    const res = await checkout(
      app,
      await cartWith(app),
      'journey-17',
      'other=1,gameday.journey=17,gameday.step=checkout,gameday.attempt=3',
    )
    expect(res.statusCode).toBe(201)
    expect(fx.psp.requests.map((r) => r.baggage)).toEqual([
      'gameday.journey=17,gameday.step=psp.create,gameday.attempt=1',
      'gameday.journey=17,gameday.step=psp.create,gameday.attempt=2',
    ])
  })

  it('sends the journey with the idempotency safeguard off too', async () => {
    const app = fx.app({ safeguards: { idempotency: false } })
    await checkout(app, await cartWith(app), 'journey-off', 'gameday.journey=4')
    expect(fx.psp.requests.map((r) => r.baggage)).toEqual([
      'gameday.journey=4,gameday.step=psp.create,gameday.attempt=1',
    ])
  })

  it('sends no baggage for a request without a journey', async () => {
    const app = fx.app()
    await checkout(app, await cartWith(app), 'no-journey', 'vendor=x')
    expect(fx.psp.requests).toEqual([{ idempotencyKey: expect.any(String), baggage: undefined }])
  })
})
