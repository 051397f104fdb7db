import { describe, expect, it } from 'vitest'
import { usePlatformFixture } from '../testing/platform-fixture.js'
import { cartWith, postCheckout } from '../testing/test-platform.js'

/** Each safeguard the checkout implements, shown both ways. */
const fx = usePlatformFixture()

function setup(input: Parameters<typeof fx.app>[0] = {}) {
  const app = fx.app(input)
  return { app, checkout: (cartId: string, key: string) => postCheckout(app, cartId, key) }
}

describe('timeouts', () => {
  it('answers 502 soon after the per-try timeouts when the PSP hangs', async () => {
    const { app, checkout } = setup({ pspTimeoutMs: 200, safeguards: { retries: false } })
    fx.psp.fault('hang-response')
    const started = Date.now()
    const res = await checkout(await cartWith(app), 'hang-on')
    expect(res.statusCode).toBe(502)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('waits on a hung PSP for as long as it hangs when timeouts are off', async () => {
    const { app, checkout } = setup({ pspTimeoutMs: 200, safeguards: { timeouts: false } })
    fx.psp.fault('hang-response')
    let settled = false
    const pending = checkout(await cartWith(app), 'hang-off').finally(() => (settled = true))
    await new Promise((r) => setTimeout(r, 1_000))
    expect(settled).toBe(false)
    await fx.psp.close() // frees the hung socket; the checkout then ends
    const res = await pending
    expect(res.statusCode).toBeGreaterThanOrEqual(500)
  })
})

describe('retries', () => {
  it('retries a transient PSP error once and succeeds', async () => {
    const { app, checkout } = setup()
    fx.psp.fault('error-500', 1)
    const res = await checkout(await cartWith(app), 'retry-on')
    expect(res.statusCode).toBe(201)
    expect(fx.psp.requests).toHaveLength(2)
  })

  it('fails a checkout on one transient PSP error when retries are off', async () => {
    const { app, checkout } = setup({ safeguards: { retries: false } })
    fx.psp.fault('error-500', 1)
    const res = await checkout(await cartWith(app), 'retry-off')
    expect(res.statusCode).toBe(502)
    expect(fx.psp.requests).toHaveLength(1)
  })

  it('never retries a card decline', async () => {
    const { app } = setup()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/checkouts',
      headers: { 'idempotency-key': 'decline-once' },
      payload: { cartId: await cartWith(app), paymentMethod: 'pm_card_visa_chargeDeclined' },
    })
    expect(res.statusCode).toBe(402)
    expect(fx.psp.requests).toHaveLength(1)
  })
})

describe('inventory-lock', () => {
  async function flashSale(inventoryLock: boolean): Promise<{ paid: number; stock: number }> {
    const { app, checkout } = setup({ safeguards: { 'inventory-lock': inventoryLock } })
    await fx.db.query("UPDATE products SET stock = 3 WHERE sku = 'sku_limited_sneaker'")
    const carts = await Promise.all(Array.from({ length: 12 }, () => cartWith(app, 'sku_limited_sneaker', 1)))
    const results = await Promise.all(
      carts.map((cartId, i) => checkout(cartId, `flash-${inventoryLock}-${i}`)),
    )
    const stock = await fx.db.query<{ stock: number }>(
      "SELECT stock FROM products WHERE sku = 'sku_limited_sneaker'",
    )
    return { paid: results.filter((r) => r.statusCode === 201).length, stock: stock.rows[0]?.stock ?? NaN }
  }

  it('sells exactly the stock under concurrent checkouts', async () => {
    expect(await flashSale(true)).toEqual({ paid: 3, stock: 0 })
  })

  it('oversells under concurrent checkouts when the lock is off', async () => {
    const { paid } = await flashSale(false)
    expect(paid).toBeGreaterThan(3)
  })
})

describe('circuit-breaker', () => {
  async function outage(breaker: boolean) {
    const { app, checkout } = setup({ safeguards: { 'circuit-breaker': breaker, retries: false } })
    fx.psp.fault('error-500', 100)
    const statuses: number[] = []
    for (let i = 0; i < 8; i++)
      statuses.push((await checkout(await cartWith(app), `outage-${breaker}-${i}`)).statusCode)
    const orders = (await app.inject({ method: 'GET', url: '/__admin/orders' })).json() as {
      orders: unknown[]
    }
    return { statuses, pspRequests: fx.psp.requests.length, orders: orders.orders.length }
  }

  it('fails fast with 503 PSP_CIRCUIT_OPEN and creates no order after 5 failures in a row', async () => {
    expect(await outage(true)).toEqual({
      statuses: [502, 502, 502, 502, 502, 503, 503, 503],
      pspRequests: 5,
      orders: 5,
    })
  })

  it('keeps calling a dead PSP when off', async () => {
    expect(await outage(false)).toEqual({ statuses: Array(8).fill(502), pspRequests: 8, orders: 8 })
  })
})
