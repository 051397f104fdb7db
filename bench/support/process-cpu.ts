// CPU time of another process from /proc/<pid>/stat (utime + stime, every thread of it), so a
// bench can charge each child its own CPU without the child's cooperation. Linux only.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerS: number | undefined

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`, 100 almost everywhere). */
function clockTicksPerS(): number {
  if (ticksPerS === undefined) {
    try {
      ticksPerS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerS = 100
    }
  }
  return ticksPerS
}

/**
 * User + system CPU ms a process has used so far (resolution: one clock tick, 10 ms at 100 Hz,
 * so read it over seconds of load, not per request).
 * @throws when the process is gone or /proc is missing.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Field 2 (comm) is in parentheses and may hold spaces: count the fields after its last ')'.
  // utime and stime are fields 14 and 15, i.e. the 12th and 13th after comm.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  if (!Number.isFinite(ticks)) throw new Error(`Failed to read the CPU time of process ${pid}: ${stat}`)
  return (ticks * 1000) / clockTicksPerS()
}
