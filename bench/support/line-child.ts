// A bench's child process spoken to in JSON lines: the parent writes one command a line on the
// child's stdin, the child answers one JSON line on stdout. The child exits when its stdin closes,
// so it never outlives the bench, even a SIGKILLed one.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface LineChild {
  pid: number
  /** The first line the child printed (its port, its pid…). */
  ready: Record<string, unknown>
  /** Sends one command and resolves with the child's answer; rejects after `limitMs` or when the child exits. */
  ask<T>(command: unknown, limitMs: number): Promise<T>
  stop(): void
  /** Closes its stdin and waits up to `limitMs` for it to exit (so a --cpu-prof child writes its profile), then stops it. */
  close(limitMs?: number): Promise<void>
}

/**
 * Starts `node [nodeFlags] --import tsx <script> [args]` and waits for its first line.
 * @throws when the child exits or is silent for 20 s before it is ready.
 */
export function startLineChild(
  script: string,
  args: string[] = [],
  nodeFlags: string[] = [],
): Promise<LineChild> {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = []
  let exited: Error | undefined
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.resolve(line))
  child.once('exit', (code, signal) => {
    exited = new Error(`bench child ${script} exited (${code ?? signal})`)
    for (const w of waiting.splice(0)) w.reject(exited)
  })
  const next = (limitMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited)
      const timer = setTimeout(
        () => reject(new Error(`bench child ${script} did not answer in ${limitMs} ms`)),
        limitMs,
      )
      waiting.push({
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
    })
  const stop = (): void => {
    child.stdin?.end()
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
  return next(20_000).then(
    (line) => ({
      pid: child.pid!,
      ready: JSON.parse(line) as Record<string, unknown>,
      async ask<T>(command: unknown, limitMs: number): Promise<T> {
        const answer = next(limitMs)
        child.stdin!.write(`${JSON.stringify(command)}\n`)
        const parsed = JSON.parse(await answer) as T & { error?: string }
        if (parsed.error) throw new Error(`bench child ${script}: ${parsed.error}`)
        return parsed
      },
      stop,
      close: (limitMs = 10_000) =>
        new Promise<void>((resolve) => {
          if (exited) return resolve()
          const timer = setTimeout(() => {
            stop()
            resolve()
          }, limitMs)
          child.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          child.stdin?.end()
        }),
    }),
    (error: unknown) => {
      stop()
      throw error
    },
  )
}

/**
 * The child's side: prints `ready`, then answers each command line with `handle`'s result, one
 * at a time; exits when stdin closes. A thrown error is answered as `{ error }`.
 */
export async function serveLines(
  ready: Record<string, unknown>,
  handle: (command: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const lines = createInterface({ input: process.stdin })
  lines.on('close', () => process.exit(0))
  process.stdout.write(`${JSON.stringify({ ...ready, pid: process.pid })}\n`)
  for await (const line of lines) {
    let answer: unknown
    try {
      answer = await handle(JSON.parse(line) as Record<string, unknown>)
    } catch (error) {
      answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`)
  }
}
