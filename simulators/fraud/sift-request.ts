import type { FraudContext } from './fraud-context.js'
import { defaultAbuseTypes } from './sift-score.js'

/** The Events and Score API versions served; any other is status 104. */
export const supportedVersions: ReadonlySet<string> = new Set(['v204', 'v205'])

/** The user name of an `Authorization: Basic` header (Sift's API key, with an empty password). */
export function basicAuthUser(request: Request): string | undefined {
  const header = request.headers.get('authorization')
  const match = header === null ? null : /^Basic\s+([A-Za-z0-9+/=]{1,1000})$/i.exec(header)
  if (!match) return undefined
  try {
    const decoded = atob(match[1] ?? '')
    return decoded.slice(0, decoded.includes(':') ? decoded.indexOf(':') : decoded.length)
  } catch {
    return undefined
  }
}

/**
 * The API key a request carries: `$api_key` in an event body, else HTTP Basic, else the
 * `api_key` query parameter (the Score API's older spelling).
 */
export function apiKeyOf(request: Request, bodyKey?: unknown): string | undefined {
  if (typeof bodyKey === 'string' && bodyKey !== '') return bodyKey
  return basicAuthUser(request) || new URL(request.url).searchParams.get('api_key') || undefined
}

/** Whether a key is accepted: any non-empty key, or exactly the simulator's `apiKey` when it has one. */
export function acceptsKey(ctx: FraudContext, key: string | undefined): boolean {
  return key !== undefined && key !== '' && (ctx.apiKey === undefined || key === ctx.apiKey)
}

/** A query flag as Sift's clients send it: `return_score=true`, or bare `return_route_info`. */
export function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name)
  return value !== null && (value === '' || value.toLowerCase() === 'true')
}

/** `abuse_types=payment_abuse,promotion_abuse` (at most 10 well-formed names), else the default. */
export function abuseTypesOf(query: URLSearchParams): readonly string[] {
  const named = (query.get('abuse_types') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => /^[a-z_]{1,40}$/.test(name))
    .slice(0, 10)
  return named.length > 0 ? [...new Set(named)] : defaultAbuseTypes
}

/** Seconds since the epoch, as Sift's `time` fields are. */
export const epochSeconds = (ms: number): number => Math.floor(ms / 1000)
