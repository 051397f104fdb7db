/** The vendors the platform calls besides the PSP. */
export type VendorName = 'tax' | 'fraud'

/** Stable codes of {@link VendorError}: one per way a vendor call fails, so reports can classify. */
export type VendorErrorCode =
  | 'VENDOR_HTTP_ERROR'
  | 'VENDOR_CONNECTION_ERROR'
  | 'VENDOR_TIMEOUT'
  | 'VENDOR_BAD_RESPONSE'
  | 'VENDOR_CIRCUIT_OPEN'
  | 'VENDOR_BULKHEAD_FULL'

/**
 * A tax or fraud call that did not come to an answer. `retryable` says whether the same call may
 * be tried again (the vendor may not have processed it, or asked to be retried).
 */
export class VendorError extends Error {
  constructor(
    readonly code: VendorErrorCode,
    readonly vendor: VendorName,
    readonly retryable: boolean,
    message: string,
    /** HTTP status of an answer, when there was one. */
    readonly status?: number,
    /** The vendor's own error code (`DocumentCodeConflict`, Sift status `51`), when it gave one. */
    readonly vendorCode?: string,
    /** `Retry-After`, ms, when the vendor sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'VendorError'
  }
}

/** An HTTP answer that is not a success: 429 and 5xx are worth a retry, other 4xx are not. */
export function httpError(
  vendor: VendorName,
  status: number,
  vendorCode: string | undefined,
  detail: string,
  retryAfterMs?: number,
): VendorError {
  const retryable = status === 408 || status === 429 || status >= 500
  return new VendorError(
    'VENDOR_HTTP_ERROR',
    vendor,
    retryable,
    `Failed to call the ${vendor} vendor: HTTP ${status}${vendorCode ? ` ${vendorCode}` : ''} (${detail})`,
    status,
    vendorCode,
    retryAfterMs,
  )
}

/** True when `err` is a {@link VendorError} worth another try. */
export function isRetryableVendorError(err: unknown): boolean {
  return err instanceof VendorError && err.retryable
}
