export { startProxyServer, type ProxyServer, type ProxyServerOptions } from './proxy-server.js'
export type { ProxyConfig } from './proxy-collection.js'
export {
  NetworkFaults,
  type NetworkFaultsOptions,
  type NetworkLink,
  type ToxicRequest,
  type FaultRecord,
} from './network-faults.js'
export { NetworkFaultsError, type NetworkFaultsErrorCode } from './network-faults-error.js'
export { ApiError } from './api-error.js'
export { toxiproxyApiVersion } from './version.js'
export { runProxyCommand, type ProxyCommandIo } from './proxy-command.js'
