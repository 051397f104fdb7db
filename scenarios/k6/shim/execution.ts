import { shimState } from './state.js'

/** `k6/execution`'s scenario, read from what the shim's runner set for the iteration under way. */
export const scenario = {
  get name() {
    return shimState().scenario.name
  },
  get executor() {
    return shimState().scenario.executor
  },
  get iterationInTest() {
    return shimState().scenario.iterationInTest
  },
  get iterationInInstance() {
    return shimState().scenario.iterationInTest
  },
  startTime: 0,
  progress: 0,
}

export const vu = {
  idInInstance: 1,
  idInTest: 1,
  get iterationInInstance() {
    return shimState().scenario.iterationInTest
  },
  get iterationInScenario() {
    return shimState().scenario.iterationInTest
  },
  get tags() {
    return shimState().scenario.tags
  },
}

export const instance = {
  iterationsInterrupted: 0,
  iterationsCompleted: 0,
  vusActive: 1,
  vusInitialized: 1,
  currentTestRunDuration: 0,
}

export const test = {
  abort(message?: string): never {
    throw new Error(`test aborted${message ? `: ${message}` : ''}`)
  },
  options: {},
}

export default { scenario, vu, instance, test }
