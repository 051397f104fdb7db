import { describe, expect, it, vi } from 'vitest'
import { money } from '../money.js'
import type { PspClient } from './psp-client.js'
import { lazyPspClient } from './lazy-psp-client.js'

const request = {
  orderId: 'ord_1',
  amount: money(100, 'usd'),
  paymentMethod: 'pm_card_visa',
  checkoutKey: 'k',
  idempotencyKey: 'order_ord_1_pay',
}

describe('lazyPspClient', () => {
  it('loads once, on warm or on the first pay, and delegates', async () => {
    const inner: PspClient = {
      pay: vi.fn(async () => ({ kind: 'succeeded', paymentIntentId: 'pi_1' }) as const),
      close: vi.fn(),
      isAvailable: () => false,
    }
    const load = vi.fn(async () => inner)
    const psp = lazyPspClient(load)
    expect(load).not.toHaveBeenCalled()
    expect(psp.isAvailable()).toBe(true)
    psp.warm()
    expect(await psp.pay(request)).toEqual({ kind: 'succeeded', paymentIntentId: 'pi_1' })
    await psp.pay(request)
    expect(load).toHaveBeenCalledTimes(1)
    expect(psp.isAvailable()).toBe(false)
    psp.close()
    await new Promise((r) => setImmediate(r))
    expect(inner.close).toHaveBeenCalledTimes(1)
  })

  it('surfaces a load failure on pay', async () => {
    const psp = lazyPspClient(() => Promise.reject(new Error('no stripe')))
    await expect(psp.pay(request)).rejects.toThrow('no stripe')
  })
})
