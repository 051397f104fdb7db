import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startPlatform, type RunningPlatform } from '../../platform/start-platform.js'
import { TEST_CACHE_DIR } from '../../platform/testing/test-platform.js'
import { startPsp, type LedgerEntry, type PspServer } from '../../simulators/index.js'
import { SHOPPER_DEFAULTS, type ResolvedShopper } from '../format/resolve-scenario.js'
import { createShopperJourneys } from './shopper-journeys.js'
import type { JourneyPlayer, OperationResult, Shopper } from './target.js'

/** A request the front door passed on. */
interface Seen {
  method: string
  path: string
  key: string | undefined
}

/**
 * A plain forwarder in front of the platform that records what shoppers send and, when told,
 * loses the answer to the next checkout: it passes the checkout on (the platform does it), then
 * drops the shopper's connection instead of answering.
 */
async function startFrontDoor(upstream: string) {
  const seen: Seen[] = []
  let dropCheckouts = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      const key = req.headers['idempotency-key'] as string | undefined
      seen.push({ method: req.method ?? 'GET', path, key })
      const drop = path === '/v1/checkouts' && dropCheckouts > 0 && dropCheckouts-- > 0
      const headers = { ...req.headers }
      delete headers.host
      delete headers.connection
      request(`${upstream}${path}`, {
        method: req.method as 'GET' | 'POST',
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      })
        .then(async (answer) => {
          const body = await answer.body.text()
          if (drop) return void req.socket.destroy()
          res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? '') })
          res.end(body)
        })
        .catch(() => req.socket.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    dropNextCheckout: () => void (dropCheckouts = 1),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

let psp: PspServer | undefined
let platform: RunningPlatform | undefined
let front: Awaited<ReturnType<typeof startFrontDoor>> | undefined
beforeAll(async () => {
  psp = await startPsp({ port: 0, seed: 5 })
  platform = await startPlatform({ cacheDir: TEST_CACHE_DIR, pspUrl: psp.url, logLevel: 'silent' })
  front = await startFrontDoor(platform.url)
}, 30_000)
afterAll(async () => {
  await front?.close()
  await platform?.close()
  await psp?.close()
})

const players: JourneyPlayer[] = []
afterEach(async () => {
  for (const player of players.splice(0)) await player.close()
  front!.seen.length = 0
})

function player(shopper: Partial<ResolvedShopper> = {}): JourneyPlayer {
  const p = createShopperJourneys({ baseUrl: front!.url, shopper: { ...SHOPPER_DEFAULTS, ...shopper } })
  players.push(p)
  return p
}

/** Collects what `observe` is told. */
function recorder() {
  const ops: OperationResult[] = []
  return { ops, observe: (op: OperationResult) => void ops.push(op), names: () => ops.map((op) => op.name) }
}

async function ledger(): Promise<LedgerEntry[]> {
  const res = await request(`${psp!.url}/__admin/ledger`)
  return ((await res.body.json()) as { entries: LedgerEntry[] }).entries
}

const shopper = (behaviour: Partial<Shopper>): Shopper => ({
  id: 1,
  impatient: false,
  impatientAfterMs: 1_000,
  freshKeyRetry: false,
  ...behaviour,
})

let keySeq = 0
const freshKey = () => `sj-test-${process.pid}-${++keySeq}`

describe('createShopperJourneys against the reference platform', () => {
  it('plays browse, view and an abandoned cart with their operations', async () => {
    const p = player()
    const browse = recorder()
    expect(await p.run({ index: 1, idempotencyKey: freshKey(), kind: 'browse' }, browse.observe)).toEqual({
      kind: 'browse',
      outcome: { type: 'ok' },
    })
    expect(browse.ops).toMatchObject([{ name: 'browse', outcome: 'ok', status: 200 }])

    const view = recorder()
    expect(await p.run({ index: 2, idempotencyKey: freshKey(), kind: 'view' }, view.observe)).toEqual({
      kind: 'view',
      outcome: { type: 'ok' },
    })
    expect(view.ops).toMatchObject([{ name: 'view', outcome: 'ok', status: 200 }])
    expect(front!.seen.map((s) => s.path)).toEqual(['/v1/products', '/v1/products/sku_tshirt'])

    const cart = recorder()
    expect(await p.run({ index: 3, idempotencyKey: freshKey(), kind: 'cart' }, cart.observe)).toEqual({
      kind: 'cart',
      outcome: { type: 'ok' },
    })
    expect(cart.names()).toEqual(['cart', 'item'])
    expect(front!.seen.some((s) => s.path === '/v1/checkouts')).toBe(false)
  })

  it('reports a product that does not exist as a fail with its code', async () => {
    const rec = recorder()
    const result = await player({ sku: 'sku_nothing' }).run(
      { index: 4, idempotencyKey: freshKey(), kind: 'view' },
      rec.observe,
    )
    expect(result).toEqual({ kind: 'view', outcome: { type: 'fail', code: 'PRODUCT_NOT_FOUND' } })
    expect(rec.ops).toMatchObject([
      { name: 'view', outcome: 'fail', status: 404, detail: 'PRODUCT_NOT_FOUND' },
    ])
  })

  it('checks out as a patient shopper when given only an index and a key', async () => {
    const rec = recorder()
    const key = freshKey()
    const result = await player().run({ index: 5, idempotencyKey: key }, rec.observe)
    expect(result).toMatchObject({ kind: 'checkout', tries: 1, outcome: { type: 'ok', orderStatus: 'paid' } })
    expect(result).not.toHaveProperty('freshKeys')
    expect(rec.names()).toEqual(['cart', 'item', 'checkout'])
    // Once per request: the front door saw exactly what was observed.
    expect(front!.seen).toHaveLength(rec.ops.length)
    expect(front!.seen.filter((s) => s.path === '/v1/checkouts').map((s) => s.key)).toEqual([key])
  })

  it('plays status and refund as a view until an order exists, then takes each paid order once', async () => {
    const p = player()
    const before = recorder()
    expect(
      await p.run({ index: 10, idempotencyKey: freshKey(), kind: 'status' }, before.observe),
    ).toMatchObject({
      kind: 'view',
    })
    expect(
      await p.run({ index: 11, idempotencyKey: freshKey(), kind: 'refund' }, before.observe),
    ).toMatchObject({
      kind: 'view',
    })
    expect(before.names()).toEqual(['view', 'view'])

    const checkout = await p.run({ index: 12, idempotencyKey: freshKey() })
    if (checkout.kind !== 'checkout' || checkout.outcome.type !== 'ok') throw new Error('checkout failed')
    const { orderId } = checkout.outcome

    const status = recorder()
    expect(await p.run({ index: 13, idempotencyKey: freshKey(), kind: 'status' }, status.observe)).toEqual({
      kind: 'status',
      outcome: { type: 'ok' },
    })
    expect(status.ops).toMatchObject([{ name: 'status', outcome: 'ok', status: 200 }])
    expect(front!.seen.at(-1)?.path).toBe(`/v1/orders/${orderId}`)

    const refund = recorder()
    const refundKey = freshKey()
    expect(await p.run({ index: 14, idempotencyKey: refundKey, kind: 'refund' }, refund.observe)).toEqual({
      kind: 'refund',
      outcome: { type: 'ok' },
    })
    expect(refund.ops).toMatchObject([{ name: 'refund', outcome: 'ok' }])
    expect(front!.seen.at(-1)).toMatchObject({
      path: `/v1/orders/${orderId}/refunds`,
      key: `${refundKey}-refund`,
    })
    const refunds = (await ledger()).filter((e) => e.type === 'refund' && e.metadata.order_id === orderId)
    expect(refunds).toHaveLength(1)

    // Taken once: the next refund journey has no paid order left and views instead.
    expect(await p.run({ index: 15, idempotencyKey: freshKey(), kind: 'refund' })).toMatchObject({
      kind: 'view',
    })
  })

  it('sends an impatient shopper’s checkout twice with the same key, and the platform charges once', async () => {
    const rec = recorder()
    const key = freshKey()
    const result = await player().run(
      { index: 20, idempotencyKey: key, shopper: shopper({ impatient: true, impatientAfterMs: 1 }) },
      rec.observe,
    )
    expect(result).toMatchObject({ kind: 'checkout', tries: 2, outcome: { type: 'ok' } })
    expect(rec.names()).toEqual(['cart', 'item', 'checkout', 'checkout'])
    expect(front!.seen.filter((s) => s.path === '/v1/checkouts').map((s) => s.key)).toEqual([key, key])
    const captures = (await ledger()).filter((e) => e.type === 'capture' && e.metadata.checkout_key === key)
    expect(captures).toHaveLength(1)
  })

  it('retries a lost checkout under a fresh key for a fresh-key shopper, and reports it', async () => {
    front!.dropNextCheckout()
    const rec = recorder()
    const key = freshKey()
    const result = await player({ retries: 1 }).run(
      { index: 30, idempotencyKey: key, shopper: shopper({ freshKeyRetry: true }) },
      rec.observe,
    )
    expect(result).toMatchObject({ kind: 'checkout', tries: 2, freshKeys: [`${key}-fresh-1`] })
    expect(front!.seen.filter((s) => s.path === '/v1/checkouts').map((s) => s.key)).toEqual([
      key,
      `${key}-fresh-1`,
    ])
    const checkouts = rec.ops.filter((op) => op.name === 'checkout')
    expect(checkouts).toHaveLength(2)
    expect(checkouts[0]).toMatchObject({ outcome: 'info' })
  })

  it('retries a lost checkout with the same key for a patient shopper', async () => {
    front!.dropNextCheckout()
    const key = freshKey()
    const result = await player({ retries: 1 }).run({ index: 31, idempotencyKey: key })
    expect(result).toMatchObject({ kind: 'checkout', tries: 2, outcome: { type: 'ok' } })
    expect(result).not.toHaveProperty('freshKeys')
    expect(front!.seen.filter((s) => s.path === '/v1/checkouts').map((s) => s.key)).toEqual([key, key])
    const captures = (await ledger()).filter((e) => e.type === 'capture' && e.metadata.checkout_key === key)
    expect(captures).toHaveLength(1)
  })

  it('refunds in parts after a paid checkout when the scenario says so, and keeps that order from refund journeys', async () => {
    const p = player({ refund: { every: 1, parts: 2, percent: 10 } })
    const rec = recorder()
    const key = freshKey()
    const result = await p.run({ index: 40, idempotencyKey: key }, rec.observe)
    expect(result).toMatchObject({ kind: 'checkout', outcome: { type: 'ok' } })
    expect(rec.names()).toEqual(['cart', 'item', 'checkout', 'refund', 'refund'])
    expect(rec.ops.filter((op) => op.name === 'refund').every((op) => op.outcome === 'ok')).toBe(true)
    expect(await p.run({ index: 41, idempotencyKey: freshKey(), kind: 'refund' })).toMatchObject({
      kind: 'view',
    })
  })
})
