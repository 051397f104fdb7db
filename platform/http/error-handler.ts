import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DbPoolExhaustedError, isDbConnectionError } from '../db/db-errors.js'
import {
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  problemBody,
  type ProblemBody,
  type ProblemCode,
} from './problem.js'

/**
 * The one place that maps errors to HTTP: RFC 9457 problem+json with a stable `code`.
 * 5xx answers hide internals (the log keeps them).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const body = toProblem(err)
    // An exhausted pool is load, not a bug: a warning with its figures, and a hint when to retry.
    if (err instanceof DbPoolExhaustedError) {
      request.log.warn({ poolSize: err.poolSize, waitedMs: err.waitedMs }, 'database pool exhausted')
      reply.header('retry-after', '1')
    } else if (body.code === 'DB_UNAVAILABLE') {
      request.log.warn({ err: err.message }, 'database unreachable')
      reply.header('retry-after', '1')
    } else if (body.status >= 500) request.log.error({ err }, 'request failed')
    return sendProblem(reply, body)
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemBody('ROUTE_NOT_FOUND', `No route for ${request.method} ${request.url}`)),
  )
}

/** Sends a problem body with its status and content type. */
export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body)
}

function toProblem(err: FastifyError | Error): ProblemBody {
  if (err instanceof ProblemError) return problemBody(err.code, err.detail, err.extra)
  if (err instanceof DbPoolExhaustedError) {
    return problemBody('DB_POOL_EXHAUSTED', err.message, { poolSize: err.poolSize, waitedMs: err.waitedMs })
  }
  if (isDbConnectionError(err)) {
    return problemBody('DB_UNAVAILABLE', 'The database cannot be reached right now; retry shortly.')
  }
  const fe = err as FastifyError
  if (fe.validation) return problemBody('VALIDATION_FAILED', fe.message)
  const known = FASTIFY_CODES[fe.code ?? '']
  if (known) return problemBody(known, fe.message)
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problemBody('VALIDATION_FAILED', fe.message)
  }
  return problemBody('INTERNAL_ERROR', 'Something went wrong; it has been logged.')
}

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
}
