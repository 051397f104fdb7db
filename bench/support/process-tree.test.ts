import { describe, expect, it } from 'vitest'
import { cpuByRole, roleOf, sampleTree } from './process-tree.js'

describe('roleOf', () => {
  it('names each process of a game day from its command line, bundled or from source', () => {
    expect(roleOf('node gameday.js run baseline', true)).toBe('driver')
    expect(roleOf('/usr/bin/node /r/dist/platform/server.bundle.js', false)).toBe('platform')
    expect(roleOf('node --import tsx /r/platform/server.ts', false)).toBe('platform')
    expect(
      roleOf('node --max-semi-space-size=64 /r/dist/scenarios/stack/vendors-process.bundle.js', false),
    ).toBe('vendors')
    expect(roleOf('node /r/dist/scenarios/stack/db-process.bundle.js', false)).toBe('db')
    expect(roleOf('sh -c true', false)).toBe('other')
  })
})

describe('sampleTree', () => {
  it('samples the root process as the driver, with its CPU and memory', () => {
    const samples = sampleTree(process.pid)
    const self = samples.find((s) => s.pid === process.pid && s.role === 'driver')
    expect(self?.rssBytes).toBeGreaterThan(0)
    expect(self?.pssBytes).toBeGreaterThan(0)
    expect(cpuByRole(samples).driver).toBeGreaterThan(0)
  })
})
