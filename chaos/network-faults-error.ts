import type { NetworkFaultsErrorCode } from './error-codes.js'

export type { NetworkFaultsErrorCode } from './error-codes.js'

/**
 * A network-fault operation failed; `code` (from error-codes.ts) classifies it, `cause` holds the
 * client's error(s).
 */
export class NetworkFaultsError extends Error {
  readonly code: NetworkFaultsErrorCode

  constructor(code: NetworkFaultsErrorCode, message: string, cause?: unknown) {
    super(message, { cause })
    this.name = 'NetworkFaultsError'
    this.code = code
  }
}
