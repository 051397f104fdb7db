import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxyServer, type ProxyServer } from '../../chaos/index.js'
import { captureIo } from './capture-io.js'
import { runFaultCommand } from './fault-command.js'

let proxy: ProxyServer
let upstream: Server

beforeAll(async () => {
  upstream = createServer((socket) => socket.end())
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  proxy = await startProxyServer({ host: '127.0.0.1', port: 0, seed: 1 })
  const port = (upstream.address() as AddressInfo).port
  const res = await fetch(`${proxy.url}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name: 'psp', upstream: `127.0.0.1:${port}`, listen: '127.0.0.1:0' }),
  })
  expect(res.status).toBe(201)
})

afterAll(async () => {
  await proxy.close()
  await new Promise((resolve) => upstream.close(resolve))
})

async function fault(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, output } = captureIo()
  const code = await runFaultCommand([...args, '--proxy', proxy.url], io)
  return { code, ...output }
}

describe('gameday fault', () => {
  it('adds, lists and removes a toxic on a proxy', async () => {
    expect((await fault('add', 'psp', 'latency', '--attr', 'latency=100', '--name', 'slow')).code).toBe(0)
    expect((await fault('list')).stdout).toMatch(/slow: latency downstream toxicity 1 \{"latency":100/)
    expect((await fault('remove', 'psp', 'slow')).code).toBe(0)
    expect((await fault('list')).stdout).not.toContain('slow:')
  })

  it('names the proxies there are when the one asked for is not', async () => {
    const result = await fault('add', 'nope', 'latency', '--attr', 'latency=100')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no proxy named "nope"')
    expect(result.stderr).toContain('proxies: psp')
  })

  it('refuses an unknown toxic type or stream before asking the proxy', async () => {
    const explode = await fault('add', 'psp', 'explode')
    expect(explode.code).toBe(2)
    expect(explode.stderr).toContain('unknown toxic type "explode": one of latency')
    const sideways = await fault('add', 'psp', 'latency', '--stream', 'sideways')
    expect(sideways.stderr).toContain('--stream "sideways" must be upstream or downstream')
  })

  it('says which toxic is missing on remove', async () => {
    const result = await fault('remove', 'psp', 'ghost')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('proxy psp has no toxic named "ghost"')
  })
})
