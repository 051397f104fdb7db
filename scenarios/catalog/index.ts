import type { Scenario } from '../scenario.js'
import baseline from './baseline.js'
import pspLatencySpike from './psp-latency-spike.js'
import pspLostResponse from './psp-lost-response.js'

/** The built-in scenarios, by name, in the order `gameday list` shows them. */
export const builtInScenarios: ReadonlyMap<string, Scenario> = new Map(
  [baseline, pspLatencySpike, pspLostResponse].map((s) => [s.name, s]),
)
