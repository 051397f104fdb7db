import { describe, expect, it } from 'vitest'
import { parseEnvPairs, parseOutFlags } from './command-options.js'

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
