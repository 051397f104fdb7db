import { Value } from '@sinclair/typebox/value'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../app.js'
import { createSagaVendors } from '../checkout/create-saga-vendors.js'
import { resolvePlatformConfig, type PlatformConfigInput } from '../config.js'
import type { Db } from '../db/db.js'
import { createLogger } from '../logger.js'
import { createStripePspClient } from '../payments/stripe-psp-client.js'
import { SAFEGUARDS } from '../safeguards.js'
import { startPlatform } from '../start-platform.js'
import { startStubPsp, type StubPsp } from '../testing/stub-psp.js'
import { cartWith, manualClock, openTestDb, TEST_CACHE_DIR } from '../testing/test-platform.js'
import { createBreakerBoard } from '../vendors/breaker-board.js'
import { createIdGenerator } from '../../lib/ids.js'
import { AdminBreakersResponseSchema, AdminSafeguardsResponseSchema } from './admin-status-schemas.js'

/** Nothing listens here: every call is refused at once. */
const CLOSED = 'http://127.0.0.1:9'

let db: Db
let psp: StubPsp
const closers: (() => Promise<void>)[] = []
beforeEach(async () => {
  db = await openTestDb()
  psp = await startStubPsp()
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await psp.close()
  await db.close()
})

/** testApp's wiring, with one breaker board given to the PSP client, the saga and the app. */
function boardApp(input: Partial<PlatformConfigInput>) {
  const clock = manualClock()
  const config = resolvePlatformConfig({
    cacheDir: TEST_CACHE_DIR,
    logLevel: 'silent',
    pspUrl: psp.url,
    ...input,
  })
  const breakers = createBreakerBoard(clock)
  const onPspBreaker = breakers.track('psp', { enabled: config.safeguards['circuit-breaker'] })
  const client = createStripePspClient({
    pspUrl: config.pspUrl,
    apiKey: config.pspApiKey,
    clock,
    timeoutMs: config.pspTimeoutMs,
    retry: false,
    idempotencyKeys: true,
    circuitBreaker: config.safeguards['circuit-breaker'],
    onBreakerStateChange: onPspBreaker,
  })
  const logger = createLogger('silent')
  const saga = createSagaVendors(config, client, clock, logger, breakers)
  const app = buildApp({
    db,
    psp: client,
    clock,
    ids: createIdGenerator(1, 1),
    logger,
    config,
    bootId: 1,
    saga,
    breakers,
  })
  closers.push(async () => {
    await app.close()
    client.close()
    await saga?.close()
  })
  return { app, clock }
}

const checkout = async (app: ReturnType<typeof boardApp>['app'], key: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: { 'idempotency-key': key },
    payload: { cartId: await cartWith(app), paymentMethod: 'pm_card_visa', email: 'ada@example.com' },
  })

const read = async (app: ReturnType<typeof boardApp>['app']) => {
  const res = await app.inject({ method: 'GET', url: '/__admin/breakers' })
  expect(res.statusCode).toBe(200)
  const body: unknown = res.json()
  expect([...Value.Errors(AdminBreakersResponseSchema, body)]).toEqual([])
  return Value.Parse(AdminBreakersResponseSchema, body)
}

describe('GET /__admin/safeguards', () => {
  it('lists every safeguard, whether it is on and whether code implements it', async () => {
    const { app } = boardApp({ safeguards: { retries: false } })
    const res = await app.inject({ method: 'GET', url: '/__admin/safeguards' })
    const body = Value.Parse(AdminSafeguardsResponseSchema, res.json())
    expect(body.safeguards.map((s) => s.name)).toEqual([...SAFEGUARDS])
    expect(body.safeguards.find((s) => s.name === 'retries')).toEqual({
      name: 'retries',
      on: false,
      implemented: true,
    })
    expect(body.safeguards.find((s) => s.name === 'bulkhead')).toMatchObject({ on: true, implemented: true })
  })
})

describe('GET /__admin/breakers', () => {
  it('shows the PSP breaker open, with when it opened, after the PSP failed five times in a row', async () => {
    const { app, clock } = boardApp({ pspUrl: CLOSED })
    const t0 = clock.now()
    expect((await read(app)).breakers).toEqual([{ vendor: 'psp', state: 'closed' }])
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000)
      expect((await checkout(app, `down-${i}`)).statusCode).toBe(502)
    }
    const failFast = await checkout(app, 'down-open')
    expect(failFast.statusCode).toBe(503)
    expect(failFast.headers['content-type']).toMatch(/application\/problem\+json/)
    const board = await read(app)
    expect(board.breakers).toEqual([{ vendor: 'psp', state: 'open' }])
    expect(board.history).toEqual([
      { vendor: 'psp', state: 'closed', fromMs: t0, toMs: t0 + 5_000 },
      { vendor: 'psp', state: 'open', fromMs: t0 + 5_000 },
    ])
  })

  it('shows the saga vendors with their bulkheads, and the tax breaker open while tax is down', async () => {
    const { app } = boardApp({ taxUrl: CLOSED, fraudUrl: CLOSED, safeguards: { retries: false } })
    for (let i = 0; i < 5; i++) await checkout(app, `tax-down-${i}`)
    const board = await read(app)
    const tax = board.breakers.find((b) => b.vendor === 'tax')
    expect(tax).toEqual({
      vendor: 'tax',
      state: 'open',
      bulkhead: { inFlight: 0, queued: 0, maxConcurrent: 10, maxQueued: 2 },
    })
    expect(board.breakers.map((b) => b.vendor).sort()).toEqual(['fraud', 'psp', 'tax'])
    expect(board.history.filter((s) => s.vendor === 'tax').map((s) => s.state)).toEqual(['closed', 'open'])
  })

  it('shows every breaker disabled when the circuit-breaker safeguard is off', async () => {
    const { app } = boardApp({ taxUrl: CLOSED, fraudUrl: CLOSED, safeguards: { 'circuit-breaker': false } })
    expect((await read(app)).breakers.map((b) => b.state)).toEqual(['disabled', 'disabled', 'disabled'])
  })

  it('is wired by startPlatform: a PSP refusing every call opens the breaker on the board', async () => {
    const platform = await startPlatform({
      cacheDir: TEST_CACHE_DIR,
      pspUrl: CLOSED,
      port: 0,
      logLevel: 'silent',
    })
    closers.push(() => platform.close())
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${platform.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    for (let i = 0; i < 6; i++) {
      const cart = (await (await post('/v1/carts', {})).json()) as { id: string }
      await post(`/v1/carts/${cart.id}/items`, { sku: 'sku_mug', quantity: 1 })
      await post(
        '/v1/checkouts',
        { cartId: cart.id, paymentMethod: 'pm_card_visa' },
        { 'idempotency-key': `k${i}` },
      )
    }
    const board = Value.Parse(
      AdminBreakersResponseSchema,
      await (await fetch(`${platform.url}/__admin/breakers`)).json(),
    )
    expect(board.breakers).toEqual([{ vendor: 'psp', state: 'open' }])
    expect(board.history.map((s) => s.state)).toEqual(['closed', 'open'])
  })
})
