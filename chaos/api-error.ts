/**
 * An error the control API answers with Toxiproxy's body `{"error": message, "status": status}`.
 * Messages and codes are Toxiproxy's own (api.go), so clients that match on them keep working.
 */
export class ApiError extends Error {
  readonly status: number

  constructor(message: string, status: number) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }

  /** Toxiproxy's `joinError`: `"<base message>: <detail>"` with the base status. */
  static join(base: ApiError, detail: string): ApiError {
    return new ApiError(`${base.message}: ${detail}`, base.status)
  }

  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status }
  }
}

/** Toxiproxy's fixed error answers. */
export const apiErrors = {
  badRequestBody: new ApiError('bad request body', 400),
  missingField: new ApiError('missing required field', 400),
  proxyNotFound: new ApiError('proxy not found', 404),
  proxyAlreadyExists: new ApiError('proxy already exists', 409),
  invalidStream: new ApiError('stream was invalid, can be either upstream or downstream', 400),
  invalidToxicType: new ApiError('invalid toxic type', 400),
  toxicAlreadyExists: new ApiError('toxic already exists', 409),
  toxicNotFound: new ApiError('toxic not found', 404),
  notFound: new ApiError('not found', 404),
  methodNotAllowed: new ApiError('method not allowed', 405),
  bodyTooLarge: new ApiError('bad request body: body too large', 413),
} as const
