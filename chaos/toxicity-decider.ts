import { journeyKey } from '../lib/journey-context.js'
import { draw, type Random } from '../lib/random.js'
import type { JourneySniffer } from './journey-sniffer.js'

/** Whether a toxic runs on a link: true, false, or undefined while the connection's journey is unknown. */
export type ToxicityDecision = boolean | undefined

/** What a link asks of its connection to decide a toxic. */
export interface ToxicityDecider {
  decide(toxic: { name: string; toxicity: number }): ToxicityDecision
}

/** Inputs of {@link createToxicityDecider}. */
export interface ToxicityDeciderOptions {
  /** The server's seed (`--seed`). */
  seed: number
  proxyName: string
  /** The connection's journey, read from its first request. */
  journey: Pick<JourneySniffer, 'resolved' | 'context'>
  /** This link's own seeded stream: the fallback for a connection with no journey context. */
  fallback: Random
}

/**
 * Decides toxicity for one link of one connection. With a journey context the decision is the pure
 * draw `draw(seed, proxyName, toxicName, journeyKey(context)) < toxicity`, so a seed hits the same
 * journeys whatever order their connections arrive in; without one (not HTTP, no baggage) it is
 * the link's next seeded draw, as Toxiproxy draws per connection. Toxicity 1 and 0 need no draw
 * and never wait.
 * @example
 * const decider = createToxicityDecider({ seed: 7, proxyName: 'psp', journey: sniffer, fallback: createRandom(1) })
 * decider.decide({ name: 'latency_downstream', toxicity: 0.3 }) // undefined until the sniffer resolves
 */
export function createToxicityDecider(options: ToxicityDeciderOptions): ToxicityDecider {
  return {
    decide(toxic) {
      if (toxic.toxicity >= 1) return true
      if (toxic.toxicity <= 0) return false
      const { journey } = options
      if (!journey.resolved) return undefined
      if (journey.context === undefined) return options.fallback.next() < toxic.toxicity
      return draw(options.seed, options.proxyName, toxic.name, journeyKey(journey.context)) < toxic.toxicity
    },
  }
}
