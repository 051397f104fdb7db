import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.js'
import { manualClock as libManualClock, type Clock, type ManualClock } from '../../lib/clock.js'
import { defaultCacheDir, resolvePlatformConfig, type PlatformConfigInput } from '../config.js'
import type { Db, PoolOptions } from '../db/db.js'
import { scratchDir } from '../db/open-db.js'
import { openPgliteDb } from '../db/pglite-db.js'
import { warmDatabaseTemplate } from '../db/template.js'
import { createIdGenerator } from '../../lib/ids.js'
import { createLogger } from '../logger.js'
import { createStripePspClient } from '../payments/stripe-psp-client.js'
import { createSagaVendors } from '../checkout/create-saga-vendors.js'

/** The cache the tests share with the CLI (the template is built once). */
export const TEST_CACHE_DIR = defaultCacheDir()

/** A fresh embedded database from the template; `close()` removes it. */
export async function openTestDb(pool: PoolOptions = {}): Promise<Db> {
  const template = await warmDatabaseTemplate(TEST_CACHE_DIR)
  // Named as the platform names its own: a killed test run's copy is swept by the next game day.
  const dir = mkdtempSync(join(scratchDir(), `gameday-pglite-${process.pid}-`))
  cpSync(template, dir, { recursive: true })
  const db = await openPgliteDb(dir, pool)
  return {
    ...db,
    async close() {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A clock tests move by hand (lib's), starting at a fixed instant so stored times are stable. */
export function manualClock(startMs = Date.parse('2026-11-25T12:00:00.000Z')): ManualClock {
  return libManualClock(startMs)
}

/** An app over `db` with the real Stripe client pointed at `pspUrl`; close it in `afterEach`. */
export function testApp(
  db: Db,
  input: Partial<PlatformConfigInput> & { pspUrl: string },
  clock: Clock = manualClock(),
): { app: FastifyInstance; close(): Promise<void> } {
  const config = resolvePlatformConfig({ cacheDir: TEST_CACHE_DIR, logLevel: 'silent', ...input })
  const psp = createStripePspClient({
    pspUrl: config.pspUrl,
    apiKey: config.pspApiKey,
    clock,
    timeoutMs: config.safeguards.timeouts ? config.pspTimeoutMs : undefined,
    retry: config.safeguards.retries,
    idempotencyKeys: config.safeguards['psp-idempotency'],
    circuitBreaker: config.safeguards['circuit-breaker'],
  })
  const logger = createLogger('silent')
  const saga = createSagaVendors(config, psp, clock, logger)
  const app = buildApp({
    db,
    psp,
    clock,
    ids: createIdGenerator(config.seed, 1),
    logger,
    config,
    bootId: 1,
    saga,
  })
  return {
    app,
    async close() {
      await app.close()
      psp.close()
      await saga?.close()
    },
  }
}

/** Creates a cart holding `quantity` of `sku` through the API; returns its id. */
export async function cartWith(app: FastifyInstance, sku = 'sku_mug', quantity = 1): Promise<string> {
  const cart = await app.inject({ method: 'POST', url: '/v1/carts', payload: {} })
  const id = (cart.json() as { id: string }).id
  const added = await app.inject({ method: 'POST', url: `/v1/carts/${id}/items`, payload: { sku, quantity } })
  if (added.statusCode !== 200) throw new Error(`Failed to add to cart (${id}): ${added.body}`)
  return id
}

/** `POST /v1/checkouts` for `cartId`, with the Idempotency-Key when one is given. */
export function postCheckout(
  app: FastifyInstance,
  cartId: string,
  key?: string,
  paymentMethod = 'pm_card_visa',
) {
  return app.inject({
    method: 'POST',
    url: '/v1/checkouts',
    headers: key === undefined ? {} : { 'idempotency-key': key },
    payload: { cartId, paymentMethod },
  })
}

/** Buys one mug through a listening platform's HTTP API (cart, item, checkout); returns the order id. */
export async function checkoutOverHttp(baseUrl: string, idempotencyKey: string): Promise<string> {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    (await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { id: string; order: { id: string } }
  const cart = await post('/v1/carts', {})
  await post(`/v1/carts/${cart.id}/items`, { sku: 'sku_mug', quantity: 1 })
  const { order } = await post(
    '/v1/checkouts',
    { cartId: cart.id, paymentMethod: 'pm_card_visa' },
    { 'idempotency-key': idempotencyKey },
  )
  return order.id
}
