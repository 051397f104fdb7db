import { planPhases, type PlannedPhase } from './phase-plan.js'
import type { Scenario, ShopperPopulation, ShopperSpec } from './scenario.js'

/** A shopper with every default filled in (the defaults documented on {@link ShopperSpec}). */
export type ResolvedShopper = Required<Omit<ShopperSpec, 'refund'>> & Pick<ShopperSpec, 'refund'>

/** A scenario ready to play: phases laid out and scaled, the seed chosen, every default filled once. */
export interface ResolvedScenario {
  scenario: Scenario
  seed: number
  phases: PlannedPhase[]
  shopper: ResolvedShopper
  population: Required<ShopperPopulation>
  stock: Record<string, number>
}

/** The defaults of {@link ShopperPopulation}: a thousand shoppers who all wait for their answers. */
export const POPULATION_DEFAULTS: Required<ShopperPopulation> = {
  size: 1_000,
  impatient: 0,
  impatientAfterMs: 1_000,
  freshKeyRetry: 0,
}

/** The defaults of {@link ShopperSpec}, in one place. */
export const SHOPPER_DEFAULTS: ResolvedShopper = {
  sku: 'sku_tshirt',
  paymentMethod: 'pm_card_visa',
  quantity: 1,
  retries: 1,
  keepAlive: true,
  timeoutMs: 10_000,
}

/**
 * Fills a scenario's defaults and scales it by the command line's flags.
 * @example resolveScenario(baseline, { durationMs: 5_000, rate: 40, seed: 7 })
 */
export function resolveScenario(
  scenario: Scenario,
  flags: { durationMs?: number; rate?: number; seed?: number } = {},
): ResolvedScenario {
  return {
    scenario,
    seed: flags.seed ?? scenario.seed ?? 1,
    phases: planPhases(scenario, {
      ...(flags.durationMs !== undefined ? { durationMs: flags.durationMs } : {}),
      ...(flags.rate !== undefined ? { rate: flags.rate } : {}),
    }),
    shopper: { ...SHOPPER_DEFAULTS, ...scenario.shopper },
    population: { ...POPULATION_DEFAULTS, ...scenario.population },
    stock: scenario.stock ?? {},
  }
}
