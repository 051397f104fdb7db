import { existsSync } from 'node:fs'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { startPlatform, type RunningPlatform } from './start-platform.js'
import { startStubPsp } from './testing/stub-psp.js'
import { checkoutOverHttp, TEST_CACHE_DIR } from './testing/test-platform.js'

const running: RunningPlatform[] = []
afterEach(async () => {
  for (const p of running.splice(0)) await p.close()
})

async function start(input: Parameters<typeof startPlatform>[0]): Promise<RunningPlatform> {
  const p = await startPlatform({ cacheDir: TEST_CACHE_DIR, ...input })
  running.push(p)
  return p
}

describe('startPlatform', () => {
  it('serves on 127.0.0.1 and a free port from an embedded database', async () => {
    const p = await start({ pspUrl: 'http://127.0.0.1:9' })
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${p.url}/v1/products`)
    expect(res.status).toBe(200)
  })

  it('removes the temp database it made when closed, and closes once', async () => {
    const p = await start({ pspUrl: 'http://127.0.0.1:9' })
    expect(p.dataDir && existsSync(p.dataDir)).toBe(true)
    await Promise.all([p.close(), p.close()])
    expect(existsSync(p.dataDir!)).toBe(false)
  })

  it('reopens the same dataDir after a restart with its orders intact and new ids', async () => {
    const dataDir = `${TEST_CACHE_DIR}/../gameday-restart-test-${process.pid}`
    const first = await start({ pspUrl: 'http://127.0.0.1:9', dataDir })
    const cart = (await (await fetch(`${first.url}/v1/carts`, { method: 'POST' })).json()) as { id: string }
    await first.close()
    expect(existsSync(dataDir)).toBe(true)
    const second = await start({ pspUrl: 'http://127.0.0.1:9', dataDir })
    expect((await fetch(`${second.url}/v1/carts/${cart.id}`)).status).toBe(200)
    const next = (await (await fetch(`${second.url}/v1/carts`, { method: 'POST' })).json()) as { id: string }
    expect(next.id).not.toBe(cart.id)
    await second.close()
    const { rmSync } = await import('node:fs')
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('relays OrderPaid for a paid order in the background (outbox on)', async () => {
    const psp = await startStubPsp()
    try {
      const p = await start({ pspUrl: psp.url })
      const orderId = await checkoutOverHttp(p.url, 'relay')
      let events: { orderId: string }[] = []
      for (const end = Date.now() + 5_000; Date.now() < end && events.length === 0;) {
        await new Promise((r) => setTimeout(r, 100))
        events = ((await (await fetch(`${p.url}/__admin/events`)).json()) as { events: typeof events }).events
      }
      expect(events.map((e) => e.orderId)).toEqual([orderId])
      await p.close()
    } finally {
      await psp.close()
    }
  })

  it('refuses to start on a port in use with code EADDRINUSE', async () => {
    const p = await start({ pspUrl: 'http://127.0.0.1:9' })
    const port = Number(new URL(p.url).port)
    await expect(
      startPlatform({ cacheDir: TEST_CACHE_DIR, pspUrl: 'http://127.0.0.1:9', port }),
    ).rejects.toMatchObject({
      code: 'EADDRINUSE',
    })
  })

  const url = process.env.DATABASE_URL
  it.skipIf(!url)('runs on Postgres in its own schema (DATABASE_URL)', async () => {
    const schema = `gameday_start_${process.pid}`
    try {
      const p = await start({ pspUrl: 'http://127.0.0.1:9', db: url!, pgSchema: schema })
      const res = await fetch(`${p.url}/v1/carts`, { method: 'POST' })
      expect(res.status).toBe(201)
      await p.close()
    } finally {
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    }
  })
})
