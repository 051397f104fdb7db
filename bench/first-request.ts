// How soon a game day sends its first request (issue 3: under 2 s from the command, on any run
// after the first), against what npm's own launcher costs, measured in the same run:
//   node --import tsx bench/first-request.ts [--runs N]
// Each run is `gameday run baseline --duration 1s` through `npx` from the repository, so the
// figure is the one a user gets; gameday prints when its first request left, counted from its own
// start and from the npx command's (it reads the launcher's start time in /proc). The baseline is
// `npx gameday --help`: npm's start-up plus gameday's, with nothing of a run. Bounded: every
// command has a time limit, and the runs are sequential.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const runs = Number(args[args.indexOf('--runs') + 1] || 5)
const root = fileURLToPath(new URL('..', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'gameday-bench-first-request-'))

function npx(commandArgs: string[], limitMs: number): { ms: number; stdout: string; status: number | null } {
  const started = performance.now()
  const result = spawnSync('npx', ['gameday', ...commandArgs], {
    cwd: root,
    encoding: 'utf8',
    timeout: limitMs,
    env: { ...process.env, CI: 'true' },
  })
  return { ms: performance.now() - started, stdout: result.stdout ?? '', status: result.status }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

const help: number[] = []
const fromGameday: number[] = []
const fromCommand: number[] = []
try {
  // One run first to warm the template cache and the OS's file cache: the contract is for later runs.
  npx(['run', 'baseline', '--duration', '1s', '--out', join(out, 'warm')], 120_000)
  for (let i = 0; i < runs; i++) {
    help.push(npx(['--help'], 30_000).ms)
    const run = npx(['run', 'baseline', '--duration', '1s', '--out', join(out, `run-${i}`), '--ci'], 120_000)
    const line =
      /first request (\d+) ms after gameday started(?: \((\d+) ms after the npm\/npx command started\))?/.exec(
        run.stdout,
      )
    if (!line) throw new Error(`Failed to find the first-request line (exit ${run.status}):\n${run.stdout}`)
    fromGameday.push(Number(line[1]))
    if (line[2] !== undefined) fromCommand.push(Number(line[2]))
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}

const fmt = (values: number[]): string =>
  values.length === 0
    ? 'n/a'
    : `${Math.round(median(values))} ms (runs: ${values.map(Math.round).join(', ')})`
process.stdout.write(
  [
    `first request, from the npx command (median of ${runs}): ${fmt(fromCommand)}`,
    `first request, from gameday's own start:               ${fmt(fromGameday)}`,
    `npx gameday --help, whole command (npm's launcher):     ${fmt(help)}`,
    '',
  ].join('\n'),
)
