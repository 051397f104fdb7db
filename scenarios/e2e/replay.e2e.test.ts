import { describe, expect, it } from 'vitest'
import { resolveScenario } from '../format/resolve-scenario.js'
import { runGameDay, type RunResult } from '../run/run-game-day.js'
import replayScenario from './fixtures/replay-scenario.js'
import { tempOut } from './run-cli.js'

/** Journeys that end well inside the faulted phase: their retries never straddle the heal. */
const COMPARED_BEFORE_MS = 3_000

async function play(seed: number): Promise<RunResult> {
  return runGameDay({
    plan: resolveScenario(replayScenario, { seed }),
    outDir: tempOut(`replay-${seed}`),
    db: 'embedded',
    // Idempotency off: each answer the proxy resets becomes a duplicate charge on that journey. The
    // PSP keeps its idempotency: the platform's background completer resumes interrupted payments
    // on its own timer, and without it how many extra charges those make would depend on timing.
    safeguards: { idempotency: false },
    settleMs: 5_000,
  })
}

/**
 * Per journey number (keys carry a random run id, so compare by the number): what the shopper saw,
 * how many tries it took, and how many extra charges the PSP's ledger holds for it.
 */
function byJourney(result: RunResult): string[] {
  const extra = new Map<string, number>()
  for (const finding of result.report.findings)
    if (finding.idempotencyKey)
      extra.set(finding.idempotencyKey, (extra.get(finding.idempotencyKey) ?? 0) + 1)
  return result.history
    .filter((a) => a.intendedStartMs < COMPARED_BEFORE_MS)
    .map((a) => {
      const journey = a.idempotencyKey.slice(a.idempotencyKey.lastIndexOf('-') + 1)
      return `${journey}:${a.outcome.type}:tries=${a.tries}:extra=${extra.get(a.idempotencyKey) ?? 0}`
    })
}

describe('a seed replays its faults', () => {
  it('hits the same journeys twice with one seed, and other journeys with another', async () => {
    const first = byJourney(await play(7))
    const second = byJourney(await play(7))
    const other = byJourney(await play(8))
    expect(first.length).toBeGreaterThanOrEqual(25)
    // Faults did hit: some journeys needed retries.
    expect(first.some((j) => !/:tries=1:/.test(j))).toBe(true)
    expect(second).toEqual(first)
    expect(other).not.toEqual(first)
  }, 180_000)
})
