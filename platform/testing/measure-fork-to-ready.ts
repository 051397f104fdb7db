/**
 * Measures fork → ready of `platform/server.ts` on a warm template cache.
 * Run: `node --import tsx platform/testing/measure-fork-to-ready.ts [runs] [serverPath]`
 * (serverPath may be a compiled `dist/platform/server.js`, which then forks without tsx).
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ChildMessage } from '../ipc-messages.js'

const runs = Number(process.argv[2] ?? 7)
const serverPath = process.argv[3] ?? fileURLToPath(new URL('../server.ts', import.meta.url))
const execArgv = serverPath.endsWith('.ts') ? ['--import', 'tsx'] : []

async function once(): Promise<number> {
  const started = performance.now()
  const child = fork(serverPath, { execArgv, stdio: 'inherit' })
  child.send({ type: 'start', config: { pspUrl: 'http://127.0.0.1:9' } })
  const message = await new Promise<Exclude<ChildMessage, { type: 'listening' }>>((resolve) =>
    child.on('message', (m: ChildMessage) => {
      if (m.type !== 'listening') resolve(m)
    }),
  )
  const ms = performance.now() - started
  if (message.type !== 'ready')
    throw new Error(`Failed to start platform: ${message.code} ${message.message}`)
  const res = await fetch(`${message.url}/__admin/health`)
  if (res.status !== 200) throw new Error(`Failed health check: ${res.status}`)
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  return ms
}

const times: number[] = []
for (let i = 0; i < runs; i++) times.push(await once())
const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)] ?? NaN
process.stdout.write(
  `${JSON.stringify({ serverPath, runs, medianMs: Math.round(median), timesMs: times.map(Math.round) })}\n`,
)
