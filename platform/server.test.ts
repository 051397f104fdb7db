import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChildMessage } from './ipc-messages.js'
import { TEST_CACHE_DIR } from './testing/test-platform.js'

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url))
const children: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function startChild(config: Record<string, unknown>): { child: ChildProcess; reply: Promise<ChildMessage> } {
  const child = fork(SERVER, { execArgv: ['--import', 'tsx'], stdio: 'pipe' })
  children.push(child)
  const reply = new Promise<ChildMessage>((resolve, reject) => {
    child.on('message', (m: ChildMessage) => {
      if (m.type !== 'listening') resolve(m)
    })
    child.once('exit', (code) => reject(new Error(`Failed to start: exited ${code}`)))
  })
  child.send({ type: 'start', config: { cacheDir: TEST_CACHE_DIR, pspUrl: 'http://127.0.0.1:9', ...config } })
  return { child, reply }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', (code) => resolve(code))
  })

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'gameday-server-test-'))
  dirs.push(d)
  return d
}

describe('server.ts as a child process', () => {
  it('says listening before it has loaded the platform, and starts once on two start messages', async () => {
    const child = fork(SERVER, { execArgv: ['--import', 'tsx'], stdio: 'pipe' })
    children.push(child)
    const messages: ChildMessage[] = []
    const ready = new Promise<void>((resolve) =>
      child.on('message', (m: ChildMessage) => {
        messages.push(m)
        if (m.type === 'listening') {
          child.send({ type: 'start', config: { cacheDir: TEST_CACHE_DIR, pspUrl: 'http://127.0.0.1:9' } })
          child.send({ type: 'start', config: { cacheDir: TEST_CACHE_DIR, pspUrl: 'http://127.0.0.1:9' } })
        }
        if (m.type === 'ready') resolve()
      }),
    )
    await ready
    await new Promise((r) => setTimeout(r, 200))
    expect(messages.map((m) => m.type)).toEqual(['listening', 'ready'])
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
  })

  it('answers ready with a URL that serves, and exits 0 on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'db')
    const { child, reply } = startChild({ dataDir })
    const message = await reply
    expect(message).toMatchObject({
      type: 'ready',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    })
    if (message.type !== 'ready') return
    const health = await fetch(`${message.url}/__admin/health`)
    expect(health.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
  })

  it('answers an error with a stable code and exits 1 on a bad config', async () => {
    const { child, reply } = startChild({ safeguards: { nope: false } })
    expect(await reply).toMatchObject({
      type: 'error',
      code: 'PLATFORM_CONFIG_INVALID',
      message: /unknown safeguard/,
    })
    expect(await exited(child)).toBe(1)
  })

  it('exits when the parent closes the IPC channel', async () => {
    const { child, reply } = startChild({})
    expect((await reply).type).toBe('ready')
    child.disconnect()
    expect(await exited(child)).toBe(0)
  })

  it('exits when its parent is killed with SIGKILL', async () => {
    const dir = tempDir()
    const parentScript = join(dir, 'parent.mjs')
    writeFileSync(
      parentScript,
      `import { fork } from 'node:child_process'
const child = fork(${JSON.stringify(SERVER)}, { execArgv: ['--import', 'tsx'] })
child.on('message', (m) => { if (m.type !== 'listening') process.send({ pid: child.pid, m }) })
child.send({ type: 'start', config: { cacheDir: ${JSON.stringify(TEST_CACHE_DIR)}, pspUrl: 'http://127.0.0.1:9' } })
`,
    )
    const parent = fork(parentScript, { stdio: 'pipe' })
    children.push(parent)
    const { pid, m } = await new Promise<{ pid: number; m: ChildMessage }>((resolve) =>
      parent.once('message', (msg) => resolve(msg as { pid: number; m: ChildMessage })),
    )
    expect(m.type).toBe('ready')
    parent.kill('SIGKILL')
    const deadline = Date.now() + 10_000
    let alive = true
    while (alive && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
      try {
        process.kill(pid, 0)
      } catch {
        alive = false
      }
    }
    if (alive) process.kill(pid, 'SIGKILL')
    expect(alive).toBe(false)
  })

  it('keeps every acknowledged write when SIGKILLed and restarted on the same dataDir', async () => {
    const dataDir = join(tempDir(), 'db')
    const first = startChild({ dataDir })
    const ready = await first.reply
    if (ready.type !== 'ready') throw new Error('Failed to start')
    const acknowledged: string[] = []
    const writing = (async () => {
      for (let i = 0; i < 500; i++) {
        try {
          const res = await fetch(`${ready.url}/v1/carts`, { method: 'POST' })
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id)
        } catch {
          return
        }
      }
    })()
    // Kill mid-stream once some writes are acknowledged (however slow a busy machine makes them).
    for (let waited = 0; acknowledged.length < 5 && waited < 20_000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20))
    }
    first.child.kill('SIGKILL')
    await writing
    expect(acknowledged.length).toBeGreaterThan(0)
    const second = startChild({ dataDir })
    const again = await second.reply
    if (again.type !== 'ready') throw new Error('Failed to restart')
    const statuses = await Promise.all(
      acknowledged.map(async (id) => (await fetch(`${again.url}/v1/carts/${id}`)).status),
    )
    expect(statuses.every((s) => s === 200)).toBe(true)
  })
})
