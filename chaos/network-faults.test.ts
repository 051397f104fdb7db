import { request } from 'undici'
import { Toxiproxy } from 'toxiproxy-node-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NetworkFaults } from './network-faults.js'
import { startProxyServer, type ProxyServer } from './proxy-server.js'
import { startHelloServer, type TestServer } from './test-helpers.js'

/** The fastest of three GETs: one slow answer on a busy machine must not fail a "restored" check. */
async function fastestGet(url: string): Promise<number> {
  const times = [await timedGet(url), await timedGet(url), await timedGet(url)]
  return Math.min(...times)
}

async function timedGet(url: string): Promise<number> {
  const started = performance.now()
  const response = await request(url, { reset: true })
  expect(await response.body.text()).toBe('hello')
  return performance.now() - started
}

describe('NetworkFaults', () => {
  let server: ProxyServer
  let hello: TestServer
  let clock: number

  beforeEach(async () => {
    hello = await startHelloServer()
    server = await startProxyServer({ seed: 7 })
    clock = 0
  })

  afterEach(async () => {
    await server.close()
    await hello.close()
  })

  const create = (): Promise<NetworkFaults> =>
    NetworkFaults.create({ toxiproxyUrl: server.url, runId: 'gd-test', now: () => clock })

  it('creates a run-prefixed link and slows it with a latency toxic until removed', async () => {
    const faults = await create()
    try {
      const link = await faults.link('psp', { upstream: hello.address })
      expect(link.name).toBe('gd-test-psp')
      expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      await timedGet(link.url)
      clock = 1000
      const name = await faults.addToxic('psp', {
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
        attributes: { latency: 200, jitter: 0 },
      })
      const slowed = await timedGet(link.url)
      expect(slowed).toBeGreaterThanOrEqual(180)
      expect(slowed).toBeLessThan(600)
      clock = 2500
      await faults.removeToxic('psp', name)
      expect(await fastestGet(link.url)).toBeLessThan(150)
      expect(faults.timeline).toEqual([
        {
          target: 'psp',
          kind: 'latency',
          params: { stream: 'downstream', toxicity: 1, latency: 200, jitter: 0 },
          fromMs: 1000,
          toMs: 2500,
        },
      ])
    } finally {
      await faults.destroy()
    }
  })

  it('records a disabled link and heals it, removing every toxic the run added', async () => {
    const faults = await create()
    try {
      const link = await faults.link('tax', { upstream: hello.address })
      await faults.addToxic('tax', { type: 'latency', attributes: { latency: 100 } })
      clock = 10
      await faults.setEnabled('tax', false)
      await expect(request(link.url)).rejects.toThrow()
      clock = 20
      await faults.healAll()
      await faults.healAll()
      expect(await fastestGet(link.url)).toBeLessThan(150)
      const proxy = await new Toxiproxy(server.url).get('gd-test-tax')
      expect(proxy.enabled).toBe(true)
      expect(faults.timeline.map((fault) => [fault.kind, fault.fromMs, fault.toMs])).toEqual([
        ['latency', 0, 20],
        ['down', 10, 20],
      ])
    } finally {
      await faults.destroy()
    }
  })

  it("takes a link down for the client's 'down' pseudo-toxic and back up when it is removed", async () => {
    const faults = await create()
    try {
      const link = await faults.link('psp', { upstream: hello.address })
      const name = await faults.addToxic('psp', { type: 'down' })
      await expect(request(link.url)).rejects.toThrow()
      clock = 5
      await faults.removeToxic('psp', name)
      expect(await fastestGet(link.url)).toBeLessThan(150)
      expect(faults.timeline).toEqual([{ target: 'psp', kind: 'down', params: {}, fromMs: 0, toMs: 5 }])
    } finally {
      await faults.destroy()
    }
  })

  it('deletes only its own proxies on destroy, and destroy is idempotent', async () => {
    const toxiproxy = new Toxiproxy(server.url)
    await toxiproxy.createProxy({ name: 'someone-else', listen: '127.0.0.1:0', upstream: hello.address })
    const faults = await create()
    await faults.link('psp', { upstream: hello.address })
    await faults.link('fraud', { upstream: hello.address })
    await faults.destroy()
    await faults.destroy()
    expect(Object.keys(await toxiproxy.getAll())).toEqual(['someone-else'])
  })

  it('replaces a stale proxy left by an earlier run with the same id', async () => {
    const toxiproxy = new Toxiproxy(server.url)
    await toxiproxy.createProxy({ name: 'gd-test-psp', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' })
    const faults = await create()
    try {
      const link = await faults.link('psp', { upstream: hello.address })
      expect((await toxiproxy.get('gd-test-psp')).upstream).toBe(hello.address)
      expect(await fastestGet(link.url)).toBeLessThan(150)
    } finally {
      await faults.destroy()
    }
  })

  it('heals and destroys cleanly when its proxy was deleted behind its back', async () => {
    const faults = await create()
    await faults.link('psp', { upstream: hello.address })
    await faults.addToxic('psp', { type: 'latency', attributes: { latency: 10 } })
    await faults.setEnabled('psp', false)
    await (await new Toxiproxy(server.url).get('gd-test-psp')).remove()
    await faults.destroy()
    expect(faults.timeline.every((fault) => fault.toMs !== undefined)).toBe(true)
  })

  it('reports a failed clean-up with a stable code when the server is gone', async () => {
    const faults = await create()
    await faults.link('psp', { upstream: hello.address })
    await faults.addToxic('psp', { type: 'latency', attributes: { latency: 10 } })
    await server.close()
    await expect(faults.destroy()).rejects.toMatchObject({ code: 'DESTROY_FAILED' })
  })

  it('fails fast with a stable code when the server is unreachable', async () => {
    await expect(
      NetworkFaults.create({ toxiproxyUrl: 'http://127.0.0.1:1', runId: 'gd-x', now: () => 0 }),
    ).rejects.toMatchObject({ code: 'TOXIPROXY_UNREACHABLE' })
  })
})
