import { EventEmitter, once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { parseProxyCommandArgs } from './proxy-command-args.js'
import { runProxyCommand } from './proxy-command.js'

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (data: Buffer) => (text += data.toString()))
  return { stream, text: () => text }
}

async function waitFor(check: () => boolean, limitMs = 5000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('parseProxyCommandArgs', () => {
  it('accepts single and double dashes, with a space or =', () => {
    expect(
      parseProxyCommandArgs(['-host', '0.0.0.0', '--port=9000', '-config=a.json', '--seed', '4']),
    ).toEqual({
      kind: 'run',
      host: '0.0.0.0',
      port: 9000,
      config: 'a.json',
      seed: 4,
    })
  })

  it('defaults to 127.0.0.1:8474 and seed 0', () => {
    expect(parseProxyCommandArgs([])).toEqual({
      kind: 'run',
      host: '127.0.0.1',
      port: 8474,
      config: undefined,
      seed: 0,
    })
  })

  it.each([['--bogus'], ['--port'], ['--port', 'abc'], ['--port', '70000'], ['--seed', 'x'], ['stray']])(
    'refuses %j',
    (...argv) => {
      expect(parseProxyCommandArgs(argv).kind).toBe('error')
    },
  )
})

describe('runProxyCommand', () => {
  let dir: string | undefined

  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('prints help and resolves 0', async () => {
    const out = capture()
    expect(await runProxyCommand(['--help'], { stdout: out.stream, stderr: capture().stream })).toBe(0)
    expect(out.text()).toContain('Usage: gameday proxy')
  })

  it('resolves 2 with a message for a bad flag', async () => {
    const err = capture()
    expect(await runProxyCommand(['--nope'], { stdout: capture().stream, stderr: err.stream })).toBe(2)
    expect(err.text()).toContain('unknown flag: --nope')
  })

  it('resolves 2 when the port is in use', async () => {
    const blocker = createServer().listen(0, '127.0.0.1')
    await once(blocker, 'listening')
    try {
      const err = capture()
      const port = String((blocker.address() as AddressInfo).port)
      expect(await runProxyCommand(['-port', port], { stdout: capture().stream, stderr: err.stream })).toBe(2)
      expect(err.text()).toContain('address already in use')
    } finally {
      blocker.close()
    }
  })

  it('resolves 2 for an unreadable or invalid config', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gameday-proxy-'))
    const bad = join(dir, 'bad.json')
    await writeFile(bad, '[{"upstream":"127.0.0.1:1"}]')
    const err = capture()
    const io = { stdout: capture().stream, stderr: err.stream }
    expect(await runProxyCommand(['--port', '0', '--config', join(dir, 'missing.json')], io)).toBe(2)
    expect(await runProxyCommand(['--port', '0', '--config', bad], io)).toBe(2)
    expect(err.text()).toContain('missing required field: name at proxy 1')
  })

  it('serves the API with the config populated until SIGTERM, then closes and resolves 0', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gameday-proxy-'))
    const config = join(dir, 'proxies.json')
    await writeFile(config, JSON.stringify([{ name: 'psp', upstream: '127.0.0.1:9', listen: '127.0.0.1:0' }]))
    const out = capture()
    const signals = new EventEmitter()
    const running = runProxyCommand(['-port', '0', '-config', config, '-seed', '3'], {
      stdout: out.stream,
      stderr: capture().stream,
      signals,
    })
    await waitFor(() => out.text().includes('listening on'))
    const url = /listening on (http:\/\/\S+)/.exec(out.text())?.[1] ?? ''
    const proxies = (await (await fetch(`${url}/proxies`)).json()) as Record<string, unknown>
    expect(Object.keys(proxies)).toEqual(['psp'])
    signals.emit('SIGTERM')
    expect(await running).toBe(0)
    await expect(fetch(`${url}/version`)).rejects.toThrow()
  })
})
