import { builtInScenarios } from '../catalog/index.js'
import { EXIT } from '../../lib/exit-codes.js'
import { defaultOutDir, parseSafeguards, resolveDb } from './command-options.js'

/** `gameday` on a terminal: pick a scenario, watch it live, read the verdict, go again. */
export async function interactiveCommand(): Promise<number> {
  const [{ render }, { GameDayApp }, { runGameDay }, { resolveScenario }, { renderTerminal }] =
    await Promise.all([
      import('ink'),
      import('../tui/GameDayApp.js'),
      import('../run/run-game-day.js'),
      import('../format/resolve-scenario.js'),
      import('../../reports/index.js'),
    ])
  const db = resolveDb(undefined) ?? 'embedded'
  const safeguards = parseSafeguards([]) as Record<string, boolean>
  const rows = [...builtInScenarios.values()].map((s) => ({ name: s.name, description: s.description }))
  const app = render(
    <GameDayApp
      rows={rows}
      runScenario={async (name, hooks) => {
        const scenario = builtInScenarios.get(name)
        if (!scenario) throw new Error(`Unknown scenario "${name}"`)
        const outDir = defaultOutDir(name)
        const result = await runGameDay({
          plan: resolveScenario(scenario),
          outDir,
          db,
          safeguards,
          ...(process.env.TOXIPROXY_URL ? { toxiproxyUrl: process.env.TOXIPROXY_URL } : {}),
          ...hooks,
        })
        return {
          verdict: result.report.verdict,
          summary: `${renderTerminal(result.report)}\nReports: ${outDir}`,
          interrupted: result.interrupted,
        }
      }}
      onQuitNow={() => {
        app.unmount()
        process.exit(EXIT.QUIT_NOW)
      }}
    />,
    { exitOnCtrlC: false },
  )
  await app.waitUntilExit()
  return EXIT.PASS
}
