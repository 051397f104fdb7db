import { describe, expect, it } from 'vitest'
import { createRelayGate, noteOutboxWrite, RELAY_FALLBACK_MS } from './relay-gate.js'

/** A look that answers `drained` (or throws) and counts its calls. */
function looker(answers: Array<boolean | Error>) {
  let calls = 0
  return {
    look: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]
      if (answer instanceof Error) throw answer
      return { result: 'looked', drained: answer ?? true }
    },
    calls: () => calls,
  }
}

describe('the relay gate', () => {
  it('looks first, then skips while idle until the fallback, and at once after a write', async () => {
    const gate = createRelayGate()
    const l = looker([true])
    expect(await gate.run(0, l.look, 'idle')).toBe('looked')
    expect(await gate.run(200, l.look, 'idle')).toBe('idle')
    expect(await gate.run(RELAY_FALLBACK_MS - 1, l.look, 'idle')).toBe('idle')
    expect(await gate.run(RELAY_FALLBACK_MS, l.look, 'idle')).toBe('looked')
    noteOutboxWrite()
    expect(await gate.run(RELAY_FALLBACK_MS + 200, l.look, 'idle')).toBe('looked')
    expect(l.calls()).toBe(3)
  })

  it('looks again after a pass that left a backlog or failed', async () => {
    const gate = createRelayGate()
    const l = looker([false, new Error('broker down'), true])
    await gate.run(0, l.look, 'idle')
    await expect(gate.run(200, l.look, 'idle')).rejects.toThrow('broker down')
    expect(await gate.run(400, l.look, 'idle')).toBe('looked')
    expect(await gate.run(600, l.look, 'idle')).toBe('idle')
    expect(l.calls()).toBe(3)
  })
})
