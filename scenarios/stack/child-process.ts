import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** A child process started by the runner, with the message it answered `start` with. */
export interface StartedChild<Ready> {
  child: ChildProcess
  ready: Ready
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop: (graceMs?: number) => Promise<void>
}

/** Thrown when a child would not start; `code` is stable for the CLI's exit-2 message. */
export class ChildStartError extends Error {
  readonly code = 'CHILD_START_FAILED'
  constructor(name: string, reason: string) {
    super(`Failed to start ${name}: ${reason}`)
  }
}

/**
 * Resolves a child's entry module: from `dist/`, the single-file bundle the build writes beside
 * the compiled entry (`server.js` → `server.bundle.js`); from source (tests), the `.ts` through tsx.
 * @note The bundle is what makes a child start fast: one file instead of the few hundred modules
 * of fastify, TypeBox and pino saves ~120 ms of module loading per process on this machine.
 */
export function childEntry(relativeJs: string, from: string): { modulePath: string; execArgv: string[] } {
  const fromSource = from.endsWith('.ts') || from.endsWith('.tsx')
  const url = new URL(relativeJs.replace(/\.js$/, fromSource ? '.ts' : '.bundle.js'), from)
  return { modulePath: fileURLToPath(url), execArgv: fromSource ? ['--import', 'tsx'] : [] }
}

/**
 * Forks `modulePath`, sends `{ type: 'start', config }` (again when the child says
 * `{ type: 'listening' }`: a message that arrives before a child has a listener is dropped), and
 * waits for `{ type: 'ready', … }` or `{ type: 'error', message }`. The child is expected to exit when its IPC channel closes, which
 * happens even when this process is SIGKILLed — so a killed run leaves no orphans.
 */
export async function startChild<Ready>(
  name: string,
  entry: { modulePath: string; execArgv: string[] },
  config: unknown | Promise<unknown>,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; nodeOptions?: string[] } = {},
): Promise<StartedChild<Ready>> {
  const child = fork(entry.modulePath, [], {
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--inspect')),
      ...entry.execArgv,
      ...(options.nodeOptions ?? []),
    ],
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    serialization: 'json',
    // Its own process group: a Ctrl-C in the terminal reaches the runner alone, which then heals
    // faults and stops the children in order. The IPC channel still ends them if it dies.
    detached: true,
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  const stop = async (graceMs = 3_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }

  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ChildStartError(name, `no answer within ${options.timeoutMs ?? 20_000} ms`)),
        options.timeoutMs ?? 20_000,
      )
      child.on('message', (message: { type?: string; message?: string } & Ready) => {
        if (message.type === 'listening') {
          sendStart()
        } else if (message.type === 'ready') {
          clearTimeout(timer)
          resolve(message)
        } else if (message.type === 'error') {
          clearTimeout(timer)
          reject(new ChildStartError(name, message.message ?? 'unknown error'))
        }
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(
          new ChildStartError(
            name,
            `exited (${signal ?? code}) before it was ready${stderr ? `:\n${stderr}` : ''}`,
          ),
        )
      })
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(new ChildStartError(name, error.message))
      })
      // Sent at once and again on `listening`: a child that attaches its listener first thing gets
      // the first, one that loads modules first says so and gets the second; children start once.
      const sendStart = () =>
        void Promise.resolve(config).then(
          (resolved) => {
            if (resolved === undefined) reject(new ChildStartError(name, 'start was cancelled'))
            else if (child.connected) child.send({ type: 'start', config: resolved })
          },
          (error: unknown) => reject(new ChildStartError(name, String(error))),
        )
      sendStart()
    })
    child.stderr?.pipe(process.stderr)
    return { child, ready, stop }
  } catch (error) {
    await stop(500)
    throw error
  }
}
