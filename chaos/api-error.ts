import { CHAOS_ERROR_CODES, type ApiErrorCode, type ChaosErrorSpec } from './error-codes.js'

/** The control API's error body: Toxiproxy's `{"error","status"}` plus our stable `code`. */
export interface ApiErrorBody {
  error: string
  status: number
  code: ApiErrorCode
}

/**
 * An error the control API answers with; its status comes from the registry (error-codes.ts).
 * Messages are Toxiproxy's own (api.go), so clients that match on them keep working.
 */
export class ApiError extends Error {
  readonly status: number

  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = CHAOS_ERROR_CODES[code].status
  }

  toJSON(): ApiErrorBody {
    return { error: this.message, status: this.status, code: this.code }
  }
}

/**
 * The error for `code` with Toxiproxy's message; a `detail` is joined as Toxiproxy's `joinError`
 * does: `"<message>: <detail>"`. A code with no fixed message (INTERNAL_ERROR) takes `detail` as is.
 * @example apiError('MISSING_FIELD', 'name at proxy 2') // 400 "missing required field: name at proxy 2"
 */
export function apiError(code: ApiErrorCode, detail?: string): ApiError {
  const spec: ChaosErrorSpec = CHAOS_ERROR_CODES[code]
  const base = spec.message
  if (base === undefined) return new ApiError(code, detail ?? code)
  return new ApiError(code, detail === undefined ? base : `${base}: ${detail}`)
}

/** Any thrown value as an ApiError: itself, or a 500 INTERNAL_ERROR with its message. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return apiError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error))
}
