/** Stable codes of {@link NetworkFaultsError}. */
export type NetworkFaultsErrorCode =
  | 'TOXIPROXY_UNREACHABLE'
  | 'LINK_EXISTS'
  | 'LINK_UNKNOWN'
  | 'LINK_FAILED'
  | 'TOXIC_FAILED'
  | 'TOXIC_UNKNOWN'
  | 'HEAL_FAILED'
  | 'DESTROY_FAILED'

/** A network-fault operation failed; `code` classifies it, `cause` holds the client's error(s). */
export class NetworkFaultsError extends Error {
  readonly code: NetworkFaultsErrorCode

  constructor(code: NetworkFaultsErrorCode, message: string, cause?: unknown) {
    super(message, { cause })
    this.name = 'NetworkFaultsError'
    this.code = code
  }
}
