/** One error of chaos/: its HTTP status (control API answers only), its wire message, what it means. */
export interface ChaosErrorSpec {
  /** The status the control API answers with; absent for errors only thrown in-process. */
  readonly status?: number
  /** Toxiproxy's own message (api.go), the start of every answer with this code. */
  readonly message?: string
  /** One line for the README's table. */
  readonly meaning: string
}

/**
 * Every error code chaos/ raises, in one place: the control API's answers (Toxiproxy's statuses
 * and messages, plus this stable `code` as an extra body field) and the NetworkFaults session's
 * thrown errors. chaos/README.md documents each; a test keeps the two in step.
 * @example
 * throw apiError('PROXY_NOT_FOUND') // 404 {"error":"proxy not found","status":404,"code":"PROXY_NOT_FOUND"}
 */
export const CHAOS_ERROR_CODES = {
  BAD_REQUEST_BODY: {
    status: 400,
    message: 'bad request body',
    meaning: 'The body is not JSON, has a field of the wrong type, or an attribute or toxicity out of range',
  },
  MISSING_FIELD: {
    status: 400,
    message: 'missing required field',
    meaning: 'A proxy body has no `name` or no `upstream`',
  },
  INVALID_STREAM: {
    status: 400,
    message: 'stream was invalid, can be either upstream or downstream',
    meaning: 'A toxic’s `stream` is neither upstream nor downstream',
  },
  INVALID_TOXIC_TYPE: { status: 400, message: 'invalid toxic type', meaning: 'No toxic type of that name' },
  USER_AGENT_REFUSED: {
    status: 403,
    message: 'User agent not allowed',
    meaning: 'A browser (`User-Agent: Mozilla/…`) called the API; answered as text, as Toxiproxy does',
  },
  PROXY_NOT_FOUND: { status: 404, message: 'proxy not found', meaning: 'No proxy of that name' },
  TOXIC_NOT_FOUND: {
    status: 404,
    message: 'toxic not found',
    meaning: 'The proxy has no toxic of that name',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    message: 'not found',
    meaning: 'No such path, or GET /metrics when metrics are off',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: 'method not allowed',
    meaning: 'The path exists, the method does not',
  },
  PROXY_ALREADY_EXISTS: {
    status: 409,
    message: 'proxy already exists',
    meaning: 'POST /proxies with a name in use',
  },
  TOXIC_ALREADY_EXISTS: {
    status: 409,
    message: 'toxic already exists',
    meaning: 'A toxic of that name is on the proxy (names are unique across both streams)',
  },
  BODY_TOO_LARGE: {
    status: 413,
    message: 'bad request body: body too large',
    meaning: 'The request body is over the server’s `maxBodyBytes` (1 MiB by default)',
  },
  LISTEN_FAILED: {
    status: 500,
    message: 'listen tcp',
    meaning: 'A proxy cannot listen on its address (in use, not `host:port`); it keeps serving where it was',
  },
  INTERNAL_ERROR: {
    status: 500,
    meaning:
      'An unexpected failure inside the server; the message is the failure’s own, as Toxiproxy sends it',
  },
  TOXIPROXY_UNREACHABLE: {
    meaning: 'NetworkFaults.create: GET /version on the Toxiproxy URL failed',
  },
  LINK_EXISTS: { meaning: 'NetworkFaults.link: this run already has a link to that target' },
  LINK_UNKNOWN: { meaning: 'A NetworkFaults call named a target this run never linked' },
  LINK_FAILED: { meaning: 'Creating, enabling or disabling a link’s proxy failed' },
  TOXIC_FAILED: { meaning: 'Adding or removing a toxic failed' },
  TOXIC_UNKNOWN: { meaning: 'NetworkFaults.removeToxic: this run added no toxic of that name' },
  HEAL_FAILED: {
    meaning: 'NetworkFaults.healAll: one or more toxics or links could not be healed (`cause` lists them)',
  },
  DESTROY_FAILED: {
    meaning: 'NetworkFaults.destroy: one or more proxies could not be deleted (`cause` lists them)',
  },
} as const satisfies Record<string, ChaosErrorSpec>

/** Any code of {@link CHAOS_ERROR_CODES}. */
export type ChaosErrorCode = keyof typeof CHAOS_ERROR_CODES

/** The codes the control API answers with (those with an HTTP status). */
export type ApiErrorCode = {
  [K in ChaosErrorCode]: (typeof CHAOS_ERROR_CODES)[K] extends { status: number } ? K : never
}[ChaosErrorCode]

/** The codes {@link NetworkFaultsError} carries (thrown in-process, no HTTP status). */
export type NetworkFaultsErrorCode = Exclude<ChaosErrorCode, ApiErrorCode>
