/**
 * The client half of chaos/: what a game day needs to drive any Toxiproxy (ours or a real one)
 * without loading the proxy server. A second public entry, as msw has `msw/node`: the runner
 * imports this on its start-up path, where every module loaded delays the first request.
 */
export {
  NetworkFaults,
  type NetworkFaultsOptions,
  type NetworkLink,
  type ToxicRequest,
  type FaultRecord,
} from './network-faults.js'
export { NetworkFaultsError, type NetworkFaultsErrorCode } from './network-faults-error.js'
