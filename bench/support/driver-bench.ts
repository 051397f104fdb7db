// What the driver benches (driver-closed, driver-open, driver-memory) share: their flags, their
// child processes under one deadline, and the first line of an error for their tables.
import { fileURLToPath } from 'node:url'
import { startLineChild, type LineChild } from './line-child.js'

/**
 * The bench's command line: `value('--seconds')` is the word after the flag, `has('--quick')`
 * whether it is there.
 */
export function benchArgs(args: readonly string[] = process.argv.slice(2)): {
  value(name: string): string | undefined
  has(name: string): boolean
} {
  return {
    value: (name) => {
      const at = args.indexOf(name)
      return at >= 0 ? args[at + 1] : undefined
    },
    has: (name) => args.includes(name),
  }
}

/** An error as a table cell: its message's first line. */
export function errorLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}

/**
 * The child processes of bench `name`, each a script of bench/support/, closed together by
 * `close()`; past `limitMs` the deadline stops them all and exits the bench with code 2.
 */
export function benchChildren(
  name: string,
  limitMs: number,
): {
  start(script: string, nodeFlags?: string[]): Promise<LineChild>
  close(): Promise<void>
} {
  const children: LineChild[] = []
  const deadline = setTimeout(() => {
    process.stderr.write(`${name} bench: over its time limit, stopping\n`)
    for (const child of children) child.stop()
    process.exit(2)
  }, limitMs)
  return {
    async start(script, nodeFlags = []) {
      const path = fileURLToPath(new URL(`./${script}`, import.meta.url))
      const child = await startLineChild(path, [], nodeFlags)
      children.push(child)
      return child
    },
    async close() {
      clearTimeout(deadline)
      await Promise.all(children.map((child) => child.close()))
    },
  }
}
