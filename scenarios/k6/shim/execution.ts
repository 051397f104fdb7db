import { shimState } from './state.js'

/**
 * `k6/execution`, the part an exported script reads: the k6 scenario and iteration under way, as
 * the shim's runner set them for the iteration.
 */
export const scenario = {
  get name() {
    return shimState().scenario.name
  },
  get iterationInTest() {
    return shimState().scenario.iterationInTest
  },
}

export default { scenario }
