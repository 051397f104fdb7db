// Where a profiled bench child spent its time: the self time of a V8 .cpuprofile (node
// --cpu-prof) summed by function and file, largest first — what the driver's author reads first.
//   node --import tsx bench/support/cpu-profile.ts <file.cpuprofile> [top]
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Node flags that make a child write its profile to reports/out/bench/profiles/<name>/ on exit. */
export function profileFlags(name: string): { flags: string[]; dir: string } {
  const dir = fileURLToPath(new URL(`../../reports/out/bench/profiles/${name}/`, import.meta.url))
  mkdirSync(dir, { recursive: true })
  return { flags: ['--cpu-prof', '--cpu-prof-dir', dir], dir }
}

/**
 * The summary of the busiest profile process `pid` wrote in `dir` (node writes one per thread:
 * the main thread's, and the module loader's, which idles), or undefined when there is none.
 */
export function busiestProfileText(
  dir: string,
  pid: number,
  top = 15,
): { file: string; text: string } | undefined {
  const summaries = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid))
    .map((f) => {
      const summary = summariseProfile(JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as Profile, top)
      return { file: `${dir}${f}`, summary, busyMs: summary.totalMs }
    })
    .sort((a, b) => b.busyMs - a.busyMs)
  const busiest = summaries[0]
  return busiest && { file: busiest.file, text: profileText(busiest.summary) }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface HotSpot {
  name: string
  /** Share of all samples, 0..1. */
  share: number
  ms: number
}

/** Self time by `function (file:line)`, and by area (the driver, undici, node internals, GC, idle…). */
export function summariseProfile(
  profile: Profile,
  top = 15,
): { functions: HotSpot[]; areas: HotSpot[]; totalMs: number; idleMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const functions = new Map<string, number>()
  const areas = new Map<string, number>()
  let total = 0
  let idleUs = 0
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    // Idle is time the process waited, not time it spent: the shares are of the busy time.
    if (frame.functionName === '(idle)') {
      idleUs += us
      continue
    }
    total += us
    const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/work\/main\//, '')
    const name =
      `${frame.functionName || '(anonymous)'} ${file ? `(${file}:${frame.lineNumber + 1})` : ''}`.trim()
    functions.set(name, (functions.get(name) ?? 0) + us)
    const area = file.startsWith('scenarios/')
      ? file.split('/').slice(0, 3).join('/')
      : file.includes('node_modules/')
        ? `node_modules/${file.split('node_modules/').pop()!.split('/')[0]}`
        : file.startsWith('node:')
          ? 'node internals'
          : file === ''
            ? frame.functionName || '(native)'
            : file.startsWith('bench/')
              ? 'bench (player, reference)'
              : file
    areas.set(area, (areas.get(area) ?? 0) + us)
  }
  total ||= 1
  const sorted = (m: Map<string, number>, n: number): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, share: us / total, ms: us / 1000 }))
  return {
    functions: sorted(functions, top),
    areas: sorted(areas, top),
    totalMs: total / 1000,
    idleMs: idleUs / 1000,
  }
}

/** The summary as text lines. */
export function profileText(summary: ReturnType<typeof summariseProfile>): string {
  const line = (h: HotSpot): string =>
    `${`${(h.share * 100).toFixed(1)}%`.padStart(7)} ${h.ms.toFixed(0).padStart(7)} ms  ${h.name}`
  return [
    `self time over ${summary.totalMs.toFixed(0)} ms busy (${summary.idleMs.toFixed(0)} ms idle left out), by area:`,
    ...summary.areas.map(line),
    'by function:',
    ...summary.functions.map(line),
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [top]')
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  process.stdout.write(`${profileText(summariseProfile(profile, Number(top ?? 25)))}\n`)
}
