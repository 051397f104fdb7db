/**
 * The platform as a child process: the parent forks this file, sends
 * `{ type: 'start', config }` and gets `{ type: 'ready', url }` or `{ type: 'error', code, message }`
 * (then this exits 1). It exits when the parent goes away (the IPC channel closes even when the
 * parent is SIGKILLed) and closes cleanly on SIGTERM/SIGINT, so it never outlives a run.
 *
 * @note Only type imports at the top: the listeners are attached before anything heavy loads,
 * and the platform's modules load while the database is copied and opened.
 */
import type { ChildMessage, ParentMessage } from './ipc-messages.js'
import type { RunningPlatform } from './start-platform.js'

const CLOSE_DEADLINE_MS = 5_000
let starting: Promise<RunningPlatform | undefined> | undefined
let stopping = false

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve()
    process.send(message, undefined, {}, () => resolve())
  })
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return
  stopping = true
  // Never hang on the way out: a stuck close must not leave an orphan.
  setTimeout(() => process.exit(exitCode), CLOSE_DEADLINE_MS).unref()
  const running = await starting?.catch(() => undefined)
  await running?.close().catch(() => {})
  process.exit(exitCode)
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : 'PLATFORM_START_FAILED'
}

async function start(message: ParentMessage): Promise<RunningPlatform | undefined> {
  try {
    const { startPlatform } = await import('./start-platform.js')
    const running = await startPlatform(message.config)
    if (!stopping) await send({ type: 'ready', url: running.url })
    return running
  } catch (err) {
    await send({
      type: 'error',
      code: errorCode(err),
      message: err instanceof Error ? err.message : String(err),
    })
    process.exit(1)
  }
}

if (!process.send) {
  process.stderr.write(
    'platform/server.ts runs as a child process: fork it and send { type: "start", config }\n',
  )
  process.exit(2)
}
process.on('disconnect', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
process.on('SIGINT', () => void stop(0))
// A stray rejection is logged, not fatal: the API keeps serving (a crash is a fault a game day
// injects on purpose, not one the platform should cause itself).
process.on('unhandledRejection', (reason) => {
  process.stderr.write(
    `platform: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`,
  )
})
process.once('message', (message: ParentMessage) => {
  if (message?.type !== 'start') {
    void send({ type: 'error', code: 'BAD_MESSAGE', message: 'expected { type: "start", config }' }).then(
      () => process.exit(1),
    )
    return
  }
  starting = start(message)
})
void send({ type: 'listening' })
