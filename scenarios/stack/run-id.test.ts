import { describe, expect, it } from 'vitest'
import { processIsAlive } from './run-dirs.js'
import { isStaleRunProxy, newRunId } from './run-id.js'

describe('run ids', () => {
  it('carry the runner’s pid', () => {
    expect(newRunId(4242)).toMatch(/^gd-[0-9a-f]{4}-4242-[0-9a-f]{6}$/)
  })

  it('mark a proxy of a dead runner on this host as stale, and no other', () => {
    const dead = `${newRunId(999_999)}-psp`
    const alive = `${newRunId(process.pid)}-psp`
    expect(isStaleRunProxy(dead, processIsAlive)).toBe(true)
    expect(isStaleRunProxy(alive, processIsAlive)).toBe(false)
    expect(isStaleRunProxy(dead.replace(/^gd-[0-9a-f]{4}/, 'gd-zzzz'), processIsAlive)).toBe(false)
    expect(isStaleRunProxy('psp', processIsAlive)).toBe(false)
  })
})
