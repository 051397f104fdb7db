import { readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { stopwatch, systemClock } from '../../lib/clock.js'
import { descendants, isAlive } from '../e2e/run-cli.js'
import { scratchDir } from './local-addresses.js'
import { startStack, type Stack } from './start-stack.js'

let stack: Stack | undefined
afterEach(async () => {
  await stack?.close()
  stack = undefined
})

const portOf = (url: string) => Number(new URL(url).port)
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.destroy() !== undefined))
    socket.once('error', () => resolve(false))
  })
const ownDbDirs = () => readdirSync(scratchDir()).filter((n) => n.startsWith(`gameday-db-${process.pid}-`))

// Linux: the processes left are read from /proc.
describe.runIf(process.platform === 'linux')('startStack (in-process, real child processes)', () => {
  it('starts platform, simulators and proxy, plays a journey through the target, and leaves nothing behind', async () => {
    const before = new Set(descendants(process.pid))
    stack = await startStack({
      db: 'embedded',
      seed: 3,
      safeguards: {},
      runId: 'gd-test-stack',
      clock: systemClock,
      elapsed: stopwatch(systemClock).elapsed,
    })
    const { endpoints } = stack
    const children = descendants(process.pid).filter((pid) => !before.has(pid))
    expect(children.length).toBeGreaterThanOrEqual(2)
    expect(ownDbDirs()).toHaveLength(1)

    // A journey through the built-in target, over the proxy link.
    const player = stack.target.journeys({
      baseUrl: endpoints.links.platform,
      shopper: {
        sku: 'sku_tshirt',
        paymentMethod: 'pm_card_visa',
        quantity: 1,
        retries: 0,
        keepAlive: true,
        timeoutMs: 10_000,
      },
    })
    const result = await player.run({ index: 0, idempotencyKey: 'gd-test-stack-0' })
    await player.close()
    expect(result.outcome.type).toBe('ok')
    const settled = await stack.groundTruth.settle(5_000)
    expect(settled.settled).toBe(true)
    const truth = await stack.groundTruth.read()
    expect(Array.isArray(truth.ledger) && truth.ledger.some((e) => e.type === 'capture')).toBe(true)
    expect(Array.isArray(truth.orders) && truth.orders).toHaveLength(1)
    // The checkout went through all three vendors, each over its own proxy link.
    const taxLedger = (await request(`${endpoints.tax}/__admin/ledger`).then((r) => r.body.json())) as {
      entries: unknown[]
    }
    expect(taxLedger.entries.length).toBeGreaterThan(0)
    const fraudLedger = (await request(`${endpoints.fraud}/__admin/ledger`).then((r) => r.body.json())) as {
      entries: unknown[]
    }
    expect(fraudLedger.entries.length).toBeGreaterThan(0)

    const proxies = await request(`${endpoints.proxy}/proxies`).then((r) => r.body.json())
    // The embedded proxy is the stack's own: proxies named by their link, so toxicity draws keyed
    // on the name replay whatever the run id.
    expect(Object.keys(proxies as object).sort()).toEqual(['broker', 'fraud', 'platform', 'psp', 'tax'])

    const ports = [endpoints.platform, endpoints.psp, endpoints.proxy, ...Object.values(endpoints.links)].map(
      portOf,
    )
    await stack.close()
    await stack.close() // idempotent
    stack = undefined
    for (const pid of children) expect(isAlive(pid), `child ${pid}`).toBe(false)
    for (const port of ports) expect(await listening(port), `port ${port}`).toBe(false)
    expect(ownDbDirs()).toHaveLength(0)
  })

  it('stops what it started when a start fails part-way', async () => {
    const before = new Set(descendants(process.pid))
    await expect(
      startStack({
        db: 'embedded',
        seed: 1,
        safeguards: {},
        runId: 'gd-test-fail',
        plainProxyNames: true,
        // A Toxiproxy nobody runs: the stack cannot make its links.
        toxiproxyUrl: 'http://127.0.0.1:9',
        clock: systemClock,
        elapsed: () => 0,
      }),
    ).rejects.toThrow(/Toxiproxy/)
    const left = descendants(process.pid).filter((pid) => !before.has(pid) && isAlive(pid))
    expect(left).toEqual([])
    expect(ownDbDirs()).toHaveLength(0)
  })
})
