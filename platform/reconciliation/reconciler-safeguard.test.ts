import { afterEach, describe, expect, it } from 'vitest'
import { startPlatform, type RunningPlatform } from '../start-platform.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { TEST_CACHE_DIR } from '../testing/test-platform.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** Leaves one checkout stalled (the PSP failed both tries) and returns a reader of its status. */
async function stalled(reconciler: boolean): Promise<() => Promise<string>> {
  const psp: StubPsp = await startStubPsp()
  closers.push(() => psp.close())
  const platform: RunningPlatform = await startPlatform({
    cacheDir: TEST_CACHE_DIR,
    pspUrl: psp.url,
    safeguards: { reconciler },
  })
  closers.unshift(() => platform.close())
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    (await fetch(`${platform.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { id: string; orderId: string }
  const cart = await post('/v1/carts', {})
  await post(`/v1/carts/${cart.id}/items`, { sku: 'sku_mug', quantity: 1 })
  psp.fault('error-500', 2)
  const { orderId } = await post(
    '/v1/checkouts',
    { cartId: cart.id, paymentMethod: 'pm_card_visa' },
    { 'idempotency-key': 'never-retried' },
  )
  return async () =>
    ((await (await fetch(`${platform.url}/v1/orders/${orderId}`)).json()) as { order: { status: string } })
      .order.status
}

async function statusAfter(read: () => Promise<string>, ms: number, until?: string): Promise<string> {
  const end = Date.now() + ms
  let status = await read()
  while (Date.now() < end && status !== until) {
    await new Promise((r) => setTimeout(r, 100))
    status = await read()
  }
  return status
}

describe('the reconciler safeguard', () => {
  it('completes a checkout the client never retried', async () => {
    const read = await stalled(true)
    expect(await read()).toBe('payment_pending')
    expect(await statusAfter(read, 10_000, 'paid')).toBe('paid')
  })

  it('leaves it payment_pending when off', async () => {
    const read = await stalled(false)
    expect(await statusAfter(read, 4_000)).toBe('payment_pending')
  })
})
