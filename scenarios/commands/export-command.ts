import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { EXIT } from '../../lib/exit-codes.js'
import { parseScenarioFlags, usageError, type CommandIo } from './command-options.js'

const USAGE = `gameday export — take a game day's load to another tool

  gameday export k6 <scenario|file.ts> [--out DIR] [--seed N] [--rate R] [--duration D] [--env K=V]…

  Writes script.ts (a k6 script: k6 run script.ts) and README.md (how to run it, and the
  scenario's faults to play beside it) into DIR (default k6-<scenario>/).

  --seed N       the seed baked in as SEED's default (default the scenario's)
  --rate R       scale every arrival rate as gameday run --rate does
  --duration D   stretch the phases to D (15s, 1m30s) as gameday run --duration does
  --env K=V      for a scenario file exporting ({ env }) => scenario, as gameday run --env; and a
                 default for __ENV.K in the script (k6 run -e K=V still wins), e.g. BASE_URL=…
`

/**
 * `gameday export k6 …` (`args` is everything after `export`): writes the exported files and says
 * where. Resolves 0, or 2 on a usage error or a scenario that cannot be loaded.
 */
export async function exportCommand(
  args: string[],
  io: CommandIo = process,
  { cwd = process.cwd() }: { cwd?: string } = {},
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        env: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(USAGE)
    return EXIT.PASS
  }
  const [format, name, ...extra] = positionals
  if (format !== 'k6') return usageError(`gameday export knows one format, k6 (got "${format ?? ''}").`, io)
  if (name === undefined || extra.length > 0)
    return usageError('gameday export k6 takes exactly one scenario name or file.', io)

  const flags = parseScenarioFlags(values)
  if (typeof flags === 'string') return usageError(flags, io)

  const [{ loadScenario }, { exportK6 }] = await Promise.all([
    import('../format/load-scenario.js'),
    import('../k6/export-k6.js'),
  ])
  let scenario
  try {
    scenario = await loadScenario(name, { cwd, env: flags.env })
  } catch (error) {
    return usageError((error as Error).message, io)
  }
  // The header names the command without --env's values (they may be tokens) and without --out.
  const command = [
    `gameday export k6 ${name}`,
    ...(values.seed !== undefined ? [`--seed ${values.seed}`] : []),
    ...(values.rate !== undefined ? [`--rate ${values.rate}`] : []),
    ...(values.duration !== undefined ? [`--duration ${values.duration}`] : []),
  ].join(' ')
  const { files } = exportK6(scenario, { ...flags, command })
  const outDir = resolve(cwd, values.out ?? `k6-${scenario.name}`)
  try {
    await mkdir(outDir, { recursive: true })
    for (const [file, text] of Object.entries(files)) await writeFile(join(outDir, file), text)
  } catch (error) {
    io.stderr.write(`gameday export: Failed to write ${outDir}: ${(error as Error).message}\n`)
    return EXIT.NOT_RUN
  }
  // Said as the user would type it: relative to where they are, unless that is further away.
  const shown = (file: string) => {
    const path = join(outDir, file)
    const rel = relative(cwd, path)
    return rel.startsWith('..') ? path : rel
  }
  io.stdout.write(
    `Wrote ${Object.keys(files).map(shown).join(' and ')}\n` +
      `Run: k6 run ${shown('script.ts')}   (README.md says how to play the faults beside it)\n`,
  )
  return EXIT.PASS
}
