import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { processCpuMs } from './process-cpu.js'

describe('processCpuMs', () => {
  it('reads the CPU a process spent, as process.cpuUsage counts it', () => {
    const before = processCpuMs(process.pid)
    const usage = process.cpuUsage()
    const until = performance.now() + 120
    while (performance.now() < until) {
      // Spin: CPU time is what is read.
    }
    const spentMs = processCpuMs(process.pid) - before
    const own = process.cpuUsage(usage)
    const ownMs = (own.user + own.system) / 1000
    // One clock tick (10 ms) of resolution at each end, and another thread's work besides.
    expect(spentMs).toBeGreaterThanOrEqual(ownMs - 25)
    expect(spentMs).toBeLessThanOrEqual(ownMs + 60)
    expect(spentMs).toBeGreaterThan(0)
  })

  it('throws for a process that does not exist', () => {
    expect(() => processCpuMs(2 ** 22 + 1)).toThrow()
  })
})
