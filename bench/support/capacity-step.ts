// One step of the capacity bench: a whole `gameday run <scenario> --rate R` as a new user would
// type it (the built CLI, its own stack of processes), sampled from /proc while it plays. The
// run's per-second lines (`--out json=FILE`) mark the load's seconds, so the CPU each process
// spent is charged to the journeys that completed in those same seconds — start-up, warm-up
// connections and the checks after the load are left out.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { statSync } from 'node:fs'
import { cpuByRole, cpuOfCommand, descendants, sampleProcesses, type StackRole } from './process-tree.js'

const ownGameday = fileURLToPath(new URL('../../gameday.js', import.meta.url))

/** CPU ms per completed journey, by part of the stack (`postgres`: the server, when one is used). */
export type CpuPerJourney = Record<Exclude<StackRole, 'other'> | 'postgres', number>

export interface StepResult {
  rate: number
  /** Journeys/s started, as the report has it. */
  achievedRate: number
  p50Ms: number
  p99Ms: number
  availability: number
  /** Every SLO and integrity check of the game day held. */
  verdict: 'pass' | 'fail'
  /** p99 < 1 s, availability ≥ 99% and ≥ 95% of the rate started: the bench's "sustained". */
  sustained: boolean
  cpuMsPerJourney: CpuPerJourney
  /** Journeys the CPU was charged to, and over how many seconds of load. */
  journeys: number
  seconds: number
  /** The largest resident size any one of its processes reached (what `/usr/bin/time` reports). */
  peakProcessRssBytes: number
  /** Peak of the whole tree's summed proportional set size (shared pages split, so the sum is fair). */
  peakPssBytes: number
}

interface Line {
  atMs: number
  arrivals: number
  completions: number
}

function readLines(file: string): Line[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as Line)
}

/** Plays one step; rejects when the run could not be done at all (exit 2, or no report). */
export async function capacityStep(options: {
  scenario: string
  rate: number
  seconds: number
  /** `embedded` or a postgres:// URL. */
  db: string
  seed?: number
  /** Another build's `gameday.js` (an older checkout, say), to read two builds in one run. */
  gameday?: string
}): Promise<StepResult> {
  const gameday = options.gameday ?? ownGameday
  const dir = mkdtempSync(join(tmpdir(), 'gameday-capacity-'))
  const lines = join(dir, 'seconds.ndjson')
  const usesPostgres = options.db !== 'embedded'
  const child = spawn(
    process.execPath,
    [
      gameday,
      'run',
      options.scenario,
      '--rate',
      String(options.rate),
      '--duration',
      `${options.seconds}s`,
      '--seed',
      String(options.seed ?? 1),
      '--db',
      options.db,
      '--ci',
      '--out',
      join(dir, 'report'),
      '--out',
      `json=${lines}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)))
  // A snapshot of every part's CPU as each second's line appears: snapshots[k] is taken when the
  // k-th line (1-based) is first seen, so snapshots[last] − snapshots[1] covers lines 2..last.
  const snapshots: Array<Record<string, number>> = []
  let peakProcessRssBytes = 0
  let peakPssBytes = 0
  // Cheap by design (the bench shares the stack's cores): the tree is walked twice a second, the
  // seconds file is read only when it grew.
  let pids: number[] = []
  let walkedAt = -Infinity
  let linesSize = 0
  let ticks = 0
  const sample = (): void => {
    ticks++
    if (ticks - walkedAt >= 5) {
      pids = descendants(child.pid!)
      walkedAt = ticks
    }
    const tree = sampleProcesses(pids, child.pid!)
    peakProcessRssBytes = Math.max(peakProcessRssBytes, ...tree.map((p) => p.rssBytes))
    peakPssBytes = Math.max(
      peakPssBytes,
      tree.reduce((s, p) => s + p.pssBytes, 0),
    )
    const size = existsSync(lines) ? statSync(lines).size : 0
    if (size === linesSize) return
    linesSize = size
    const seen = readLines(lines).filter((l) => l.arrivals > 0).length
    if (seen > snapshots.length) {
      const cpu = { ...cpuByRole(tree), postgres: usesPostgres ? cpuOfCommand('postgres') : 0 }
      while (snapshots.length < seen) snapshots.push(cpu)
    }
  }
  const timer = setInterval(sample, 100)
  // Bounded: a step that never ends is killed after its load plus two minutes.
  const deadline = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 120) * 1000)
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
  clearInterval(timer)
  clearTimeout(deadline)
  try {
    const reportFile = join(dir, 'report', 'report.json')
    if (code === 2 || !existsSync(reportFile))
      throw new Error(`gameday run at ${options.rate}/s could not run (exit ${code}): ${stderr.trim()}`)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      verdict: 'pass' | 'fail'
      load: { achievedRate: number; targetRate: number }
      latencyMs: { p50: number; p99: number }
      slos: Array<{ metric: string; actual: number | null }>
    }
    const loadLines = readLines(lines).filter((l) => l.arrivals > 0)
    const first = snapshots[0]
    const last = snapshots[loadLines.length - 1]
    const journeys = loadLines.slice(1).reduce((s, l) => s + l.completions, 0)
    const per = (role: keyof CpuPerJourney): number =>
      first && last && journeys > 0 ? ((last[role] ?? 0) - (first[role] ?? 0)) / journeys : NaN
    const availability = report.slos.find((s) => s.metric === 'availability')?.actual ?? NaN
    const achievedRate = report.load.achievedRate
    const p99Ms = report.latencyMs.p99
    return {
      rate: options.rate,
      achievedRate,
      p50Ms: report.latencyMs.p50,
      p99Ms,
      availability,
      verdict: report.verdict,
      sustained: p99Ms < 1_000 && availability >= 0.99 && achievedRate >= 0.95 * options.rate,
      cpuMsPerJourney: {
        driver: per('driver'),
        platform: per('platform'),
        vendors: per('vendors'),
        db: per('db'),
        postgres: per('postgres'),
      },
      journeys,
      seconds: Math.max(0, loadLines.length - 1),
      peakProcessRssBytes,
      peakPssBytes,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
