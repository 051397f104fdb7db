// Runs every benchmark script in bench/ one after another (never in parallel: they would
// measure each other) and lets each print its own table. Bounded: each script gets 5 minutes, the
// capacity bench (whole game days at stepped rates, on two databases) 25.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

let failed = 0
for (const script of scripts) {
  process.stdout.write(`\n=== bench/${script} ===\n`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${script}`], {
    stdio: 'inherit',
    timeout: script === 'capacity.ts' ? 25 * 60_000 : 300_000,
  })
  if (result.status !== 0) {
    failed++
    process.stdout.write(`bench/${script} failed (status ${result.status ?? result.signal})\n`)
  }
}
process.exitCode = failed ? 1 : 0
