import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { parseJourneyBaggage, type JourneyContext } from '../../lib/journey-context.js'
import { draw } from '../../lib/random.js'
import { FaultModel } from './fault-model.js'
import type { FaultRuleInput } from './fault-rule.js'

const lostResponse: FaultRuleInput = {
  match: { method: 'POST', path: '/v1/payment_intents', fraction: 0.25 },
  effect: { type: 'ambiguous-success', then: 'drop' },
}
const slow: FaultRuleInput = {
  match: { method: 'POST', path: '/v1/payment_intents', fraction: 0.5 },
  effect: { type: 'latency', distribution: { type: 'uniform', minMs: 10, maxMs: 1000 } },
}

function model(seed: number, ...rules: FaultRuleInput[]): FaultModel {
  const m = new FaultModel({ seed, stream: 'psp', clock: manualClock() })
  for (const rule of rules) m.add(rule)
  return m
}

/** What the model decides for one request: the terminal rule hit (if any) and the latency. */
async function decide(m: FaultModel, context: JourneyContext | undefined): Promise<string> {
  const journey = m.labelsFor('POST', '/v1/payment_intents', context)
  const plan = await m.planRequest({
    method: 'POST',
    path: '/v1/payment_intents',
    body: () => Promise.resolve(undefined),
    ...(journey ? { journey } : {}),
  })
  return `${plan.terminal?.rule.id ?? '-'} ${plan.latencyMs}ms`
}

const requests: JourneyContext[] = Array.from({ length: 200 }, (_, i) => ({
  journey: Math.floor(i / 2) + 1,
  step: 'psp.create',
  attempt: (i % 2) + 1,
}))
const keyOf = (c: JourneyContext): string => `${c.journey}/${c.step}/${c.attempt}`

/** Plays the requests in the order given; answers the decisions by journey key. */
async function play(seed: number, order: JourneyContext[]): Promise<Map<string, string>> {
  const m = model(seed, lostResponse, slow)
  const out = new Map<string, string>()
  for (const context of order) out.set(keyOf(context), await decide(m, context))
  return out
}

describe('FaultModel decisions for requests with a journey context', () => {
  it('gives the same decisions for the same seed whatever order the requests arrive in', async () => {
    const reversed = [...requests].reverse()
    const shuffled = [...requests].sort((a, b) => ((a.journey * 7919) % 200) - ((b.journey * 7919) % 200))
    const first = await play(7, requests)
    expect(await play(7, reversed)).toEqual(first)
    expect(await play(7, shuffled)).toEqual(first)
    const hits = [...first.values()].filter((d) => d.startsWith('rule-1')).length
    expect(hits).toBeGreaterThan(20)
    expect(hits).toBeLessThan(80)
  })

  it('gives different decisions with another seed', async () => {
    expect(await play(8, requests)).not.toEqual(await play(7, requests))
  })

  it('decides as draw(seed, rule id, journey, step, attempt) < fraction', async () => {
    const m = model(7, lostResponse)
    for (const context of requests.slice(0, 40)) {
      const expected = draw(7, 'rule-1', context.journey, 'psp.create', context.attempt ?? 1) < 0.25
      expect((await decide(m, context)).startsWith('rule-1')).toBe(expected)
    }
  })

  it('counts attempts per journey and step when the caller gives none', async () => {
    // Journey 3's third request without an attempt is its attempt 3, at the default step
    // `METHOD /path`; another journey's requests in between do not count.
    const implicit = model(7, lostResponse, slow)
    const explicit = model(7, lostResponse, slow)
    const counted: string[] = []
    for (const journey of [3, 4, 3, 4, 3]) {
      const decision = await decide(implicit, { journey })
      if (journey === 3) counted.push(decision)
    }
    const given: string[] = []
    for (let attempt = 1; attempt <= 3; attempt++)
      given.push(await decide(explicit, { journey: 3, step: 'POST /v1/payment_intents', attempt }))
    expect(counted).toEqual(given)
  })

  it('reads the context from the baggage header the platform sends', () => {
    const m = model(1)
    const context = parseJourneyBaggage('gameday.journey=17,gameday.step=psp.create,gameday.attempt=2')
    expect(m.labelsFor('POST', '/v1/payment_intents', context)).toEqual({
      journey: 17,
      step: 'psp.create',
      attempt: 2,
    })
    expect(m.labelsFor('POST', '/v1/payment_intents', undefined)).toBeUndefined()
  })
})

describe('FaultModel decisions for requests without a journey context', () => {
  it('draws from a seeded stream in arrival order, whichever request arrives', async () => {
    const byArrival = async (seed: number): Promise<string[]> => {
      const m = model(seed, lostResponse, slow)
      const out: string[] = []
      for (let i = 0; i < 100; i++) out.push(await decide(m, undefined))
      return out
    }
    expect(await byArrival(7)).toEqual(await byArrival(7))
    expect(await byArrival(8)).not.toEqual(await byArrival(7))
  })
})

describe('FaultModel rule ids', () => {
  it('numbers rules in order of addition and keeps an id the caller gives', () => {
    const m = model(1)
    const add = (input: FaultRuleInput): string => {
      const added = m.add(input)
      return added.ok ? added.rule.id : added.code
    }
    expect(add(slow)).toBe('rule-1')
    expect(add({ ...slow, id: 'psp-slow' })).toBe('psp-slow')
    expect(add(slow)).toBe('rule-2')
    expect(add({ ...slow, id: 'psp-slow' })).toBe('FAULT_RULE_ID_TAKEN')
    expect(add({ ...slow, id: 'rule-3' })).toBe('rule-3')
    expect(add(slow)).toBe('rule-4')
    m.reset()
    expect(add(slow)).toBe('rule-1')
  })
})
