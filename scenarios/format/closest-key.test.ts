import { describe, expect, it } from 'vitest'
import { closestKey } from './closest-key.js'

describe('closestKey', () => {
  const phase = ['name', 'durationMs', 'rate', 'workloads', 'browseRate', 'faults']

  it.each([
    ['durationMS', 'durationMs'],
    ['duration', 'durationMs'],
    ['rampTo', 'rate'],
    ['fualts', 'faults'],
    ['workload', 'workloads'],
    ['browse_rate', 'browseRate'],
  ])('takes %s for %s', (key, meant) => {
    expect(closestKey(key, phase)).toBe(meant)
  })

  it('suggests nothing when nothing is close', () => {
    expect(closestKey('zzz', phase)).toBeUndefined()
    expect(closestKey('target', phase)).toBeUndefined()
    expect(closestKey('x', [])).toBeUndefined()
  })
})
