import { describe, expect, it } from 'vitest'
import { HTTP_METHODS } from './fault-rule.js'
import { validateFaultRule } from './validate-fault-rule.js'

const problems = (input: unknown): Array<{ path: string; message: string }> => {
  const result = validateFaultRule(input)
  return result.ok ? [] : result.errors
}

const effectTypes =
  'latency, error, hang, reset, truncate, malformed, ambiguous-success, rate-limit, webhook-duplicate, webhook-delay, webhook-reorder, webhook-drop, webhook-bad-signature, webhook-forge'

describe('validateFaultRule', () => {
  it.each([
    [
      'an unknown effect type, listing the valid types',
      { effect: { type: 'explode' } },
      '/effect/type',
      `effect.type must be one of ${effectTypes} (got "explode")`,
    ],
    [
      'an effect without a type',
      { effect: {} },
      '/effect/type',
      `effect.type is required: one of ${effectTypes}`,
    ],
    [
      'a missing effect',
      {},
      '/effect',
      `effect is required: an object whose "type" is one of ${effectTypes}`,
    ],
    [
      'an error status outside 400–599',
      { effect: { type: 'error', status: 200 } },
      '/effect/status',
      'effect.status must be an integer from 400 to 599 (got 200)',
    ],
    [
      'a negative fixed latency',
      { effect: { type: 'latency', distribution: { type: 'fixed', ms: -5 } } },
      '/effect/distribution/ms',
      'effect.distribution.ms must be a number from 0 to 86400000 (got -5)',
    ],
    [
      'a latency without a distribution',
      { effect: { type: 'latency' } },
      '/effect/distribution',
      'effect.distribution is required: an object whose "type" is one of fixed, uniform, normal, lognormal',
    ],
    [
      'an unknown distribution type',
      { effect: { type: 'webhook-delay', distribution: { type: 'gamma' } } },
      '/effect/distribution/type',
      'effect.distribution.type must be one of fixed, uniform, normal, lognormal (got "gamma")',
    ],
    [
      'a zero rate',
      { effect: { type: 'rate-limit', ratePerS: 0, burst: 1 } },
      '/effect/ratePerS',
      'effect.ratePerS must be a number > 0 and ≤ 1000000 (got 0)',
    ],
    [
      'a bad ambiguous-success follow-up',
      { effect: { type: 'ambiguous-success', then: 'explode' } },
      '/effect/then',
      'effect.then must be one of drop, error, hang (got "explode")',
    ],
    [
      'a field the effect does not have',
      { effect: { type: 'reset', status: 500 } },
      '/effect/status',
      'effect.status is not a field of effect; allowed: type',
    ],
    [
      'a method that is not an HTTP method',
      { match: { method: 'FETCH' }, effect: { type: 'reset' } },
      '/match/method',
      `match.method must be an HTTP method, in any case: one of ${HTTP_METHODS.join(', ')} (got "FETCH")`,
    ],
    ['a rule that is not an object', null, '/', 'rule must be an object (got null)'],
  ])('refuses %s with one message naming the field', (_label, input, path, message) => {
    expect(problems(input)).toEqual([{ path, message }])
  })

  it('reports the chosen variant’s errors only, never a bare "Expected union value"', () => {
    const found = problems({
      name: 7,
      match: { fraction: 2 },
      effect: { type: 'latency', distribution: { type: 'uniform', minMs: -1 } },
    })
    expect(found.map((p) => p.path)).toEqual([
      '/name',
      '/match/fraction',
      '/effect/distribution/maxMs',
      '/effect/distribution/minMs',
    ])
    expect(found.map((p) => p.message).join('\n')).not.toMatch(/union/i)
  })

  it('accepts every HTTP method in any case', () => {
    for (const method of [...HTTP_METHODS, 'post', 'Delete'])
      expect(validateFaultRule({ match: { method }, effect: { type: 'hang' } }).ok).toBe(true)
  })

  it('still runs the cross-field checks once the schema passes', () => {
    expect(
      problems({ effect: { type: 'latency', distribution: { type: 'lognormal', medianMs: 50, p99Ms: 10 } } }),
    ).toEqual([
      {
        path: '/effect/distribution/p99Ms',
        message: 'effect.distribution.p99Ms must not be below medianMs (50)',
      },
    ])
    expect(problems({ schedule: { fromMs: 10, untilMs: 5 }, effect: { type: 'reset' } })[0]?.path).toBe(
      '/schedule/untilMs',
    )
  })
})
