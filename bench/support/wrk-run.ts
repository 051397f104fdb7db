// One wrk run with the CPU it spent. wrk is reaped by a shell that then prints its own
// /proc/<pid>/stat: the shell's cutime + cstime are exactly the CPU of the children it waited for,
// i.e. wrk's, all threads, to the clock tick, with no polling race at wrk's exit.
import { execFileSync, spawn } from 'node:child_process'

export interface WrkRun {
  rps: number
  requests: number
  errors: number
  durationMs: number
  cpuUs: number
}

export const hasWrk = (): boolean => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    // wrk --version exits 1 after printing its version: only a missing binary is ENOENT.
    return (error as { code?: string }).code !== 'ENOENT'
  }
}

const ticksPerS = (): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
}

/** `wrk -t<threads> -c<connections> -d<seconds>s url`, bounded at seconds + 20 s. */
export function wrkRun(
  url: string,
  options: { threads: number; connections: number; seconds: number },
): Promise<WrkRun> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '5s',
    url,
  ]
  const script = 'wrk "$@"; status=$?; cat /proc/$$/stat; exit $status'
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script, 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 20) * 1000)
    child.on('close', (code) => {
      clearTimeout(timer)
      const stat = out.trim().split('\n').pop() ?? ''
      const done = /(\d+) requests in ([\d.]+)(m?s)/.exec(out)
      if (code !== 0 || !done || !stat.includes(')')) {
        reject(new Error(`wrk failed (${code}): ${err.trim() || out.trim()}`))
        return
      }
      // After comm's closing ')': state is field 3; cutime and cstime are fields 16 and 17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ticks = Number(fields[13]) + Number(fields[14])
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
        requests: Number(done[1]),
        errors: (socket?.slice(1).reduce((sum, n) => sum + Number(n), 0) ?? 0) + non2xx,
        durationMs: Number(done[2]) * (done[3] === 'ms' ? 1 : 1000),
        cpuUs: (ticks * 1e6) / ticksPerS(),
      })
    })
  })
}
