import { describe, expect, it } from 'vitest'
import { parseEnvPairs, parseOutFlags, parseScenarioFlags, parseTargetFlags } from './command-options.js'

describe('parseOutFlags', () => {
  it('takes a report folder and json= files in any order', () => {
    expect(parseOutFlags([])).toEqual({ jsonFiles: [] })
    expect(parseOutFlags(['reports/ci'])).toEqual({ dir: 'reports/ci', jsonFiles: [] })
    expect(parseOutFlags(['json=a.ndjson', 'reports/ci', 'json=b.ndjson'])).toEqual({
      dir: 'reports/ci',
      jsonFiles: ['a.ndjson', 'b.ndjson'],
    })
  })

  it('refuses json= without a file, an empty value and two report folders', () => {
    expect(parseOutFlags(['json='])).toMatch(/--out json= needs a file/)
    expect(parseOutFlags([''])).toMatch(/--out needs/)
    expect(parseOutFlags(['a', 'b'])).toMatch(/two report folders/)
  })
})

describe('parseEnvPairs', () => {
  it('takes KEY=VALUE pairs, a value with = or empty, the last of a key winning', () => {
    expect(parseEnvPairs(['RATE=20', 'TOKEN=a=b', 'EMPTY=', '_x1=1', 'RATE=30'])).toEqual({
      RATE: '30',
      TOKEN: 'a=b',
      EMPTY: '',
      _x1: '1',
    })
  })

  it.each(['RATE', '=20', '1A=2', 'A-B=1', 'A B=1'])('refuses %j', (flag) => {
    expect(parseEnvPairs([flag])).toMatch(/must be KEY=VALUE/)
  })
})

describe('parseScenarioFlags', () => {
  it('takes the flags given and leaves the rest to the scenario', () => {
    expect(parseScenarioFlags({})).toEqual({ env: {} })
    expect(parseScenarioFlags({ duration: '1m30s', rate: '2.5', seed: '7', env: ['A=1'] })).toEqual({
      durationMs: 90_000,
      rate: 2.5,
      seed: 7,
      env: { A: '1' },
    })
  })

  it.each([
    [{ duration: 'soon' }, '--duration "soon" is not a duration (try 15s, 1m30s).'],
    [{ duration: '0s' }, '--duration "0s" is not a duration (try 15s, 1m30s).'],
    [{ rate: '0' }, '--rate "0" must be a number of journey arrivals per second in (0, 10000].'],
    [{ rate: '10001' }, '--rate "10001" must be a number of journey arrivals per second in (0, 10000].'],
    [{ seed: '1.5' }, '--seed "1.5" must be a whole number.'],
    [{ env: ['A'] }, '--env "A" must be KEY=VALUE, KEY a letter or _ then letters, digits or _.'],
  ])('refuses %j', (values, message) => {
    expect(parseScenarioFlags(values)).toBe(message)
  })
})

describe('parseTargetFlags', () => {
  it('takes --db and --safeguard switches', () => {
    expect(parseTargetFlags({ db: 'postgres://x/y' })).toMatchObject({ db: 'postgres://x/y' })
  })

  it('refuses an unknown safeguard and a database it cannot use', () => {
    expect(parseTargetFlags({ safeguard: ['nope=off'] })).toMatch(/Unknown safeguard "nope"/)
    expect(parseTargetFlags({ db: 'mysql://x' })).toBe('--db must be "embedded" or a postgres:// URL.')
  })
})
