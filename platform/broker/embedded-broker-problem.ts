import { BROKER_ERROR_CODES, type BrokerErrorCode } from './broker-errors.js'

/** The content type of every error answer of the embedded broker. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** An RFC 9457 problem body with our stable `code` as an extension member. */
export interface BrokerProblem {
  type: string
  title: string
  status: number
  detail: string
  code: BrokerErrorCode
}

/**
 * The problem+json body for `code`; its status comes from the registry (500 for a code that has
 * none, which only a bug would send).
 * @example brokerProblem('BROKER_INVALID_MESSAGE', 'id must be 1–256 characters') // status 400
 */
export function brokerProblem(code: BrokerErrorCode, detail: string): BrokerProblem {
  const spec: { status?: number; meaning: string } = BROKER_ERROR_CODES[code]
  return {
    type: `urn:gameday:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: spec.meaning,
    status: spec.status ?? 500,
    detail,
    code,
  }
}
