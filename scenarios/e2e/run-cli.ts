import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Report } from '../../reports/index.js'
import { validateReport } from '../../reports/schemas/index.js'

/** The built CLI, as `npx gameday` runs it (npm test builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

const running = new Set<ChildProcess>()

/** Spawns `gameday …`; killed after `timeoutMs` so a hung run fails the test instead of hanging it. */
export function startCli(
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; ownProcessGroup?: boolean } = {},
) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Like a shell's foreground job: Ctrl-C is sent to the whole group.
    detached: options.ownProcessGroup ?? false,
  })
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const done = new Promise<CliResult>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      running.delete(child)
      // 'exit' can come before the last of the pipes was read: wait for 'close' too, but not for
      // ever (a background process the command left behind may still hold them).
      const finish = () => resolve({ code, signal, stdout, stderr })
      const grace = setTimeout(finish, 2_000)
      child.once('close', () => {
        clearTimeout(grace)
        finish()
      })
    })
  })
  return { child, done, output: () => stdout }
}

export function runCli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) {
  return startCli(args, options).done
}

/** Kills whatever a failed test left running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
}

export function tempOut(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gameday-${prefix}-`))
}

/** A run's report.json, checked against the published schema (docs/report.schema.json) on every read. */
export function readReport(outDir: string): Report {
  const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as unknown
  const valid = validateReport(report)
  if (!valid.ok)
    throw new Error(`${outDir}/report.json does not match report.schema.json:\n${valid.errors.join('\n')}`)
  return report as Report
}

/** Pids of the live descendants of `pid` (from /proc), to prove no process outlives a run. */
export function descendants(pid: number): number[] {
  const out: number[] = []
  const children = (parent: number): number[] => {
    try {
      return readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number)
    } catch {
      return []
    }
  }
  const stack = [pid]
  while (stack.length) {
    for (const c of children(stack.pop() as number)) {
      out.push(c)
      stack.push(c)
    }
  }
  return out
}

/** True while `pid` runs; a zombie (exited, not yet reaped by whoever adopted it) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

/** Polls `predicate` every 100 ms until it holds or `timeoutMs` passes; resolves its last answer. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await predicate()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return predicate()
}
