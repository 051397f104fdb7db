import { shimState } from './state.js'

/** `k6`'s check: every condition is recorded, by name, as passed or not. */
export function check<T>(value: T, sets: Record<string, (v: T) => boolean>, _tags?: object): boolean {
  const state = shimState()
  let all = true
  for (const [name, condition] of Object.entries(sets)) {
    let ok = false
    try {
      ok = Boolean(condition(value))
    } catch {
      ok = false
    }
    state.checks.push({ name, ok, scenario: state.scenario.name })
    all &&= ok
  }
  return all
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** Blocks, as k6's sleep does a VU: seconds. */
export function sleep(seconds: number): void {
  if (seconds > 0) Atomics.wait(sleeper, 0, 0, seconds * 1000)
}

export default { check, sleep }
