import type { AvataxErrorCode } from '../error-codes.js'

/** The credentials the simulator accepts; absent parts accept any non-empty value. */
export interface TaxCredentials {
  /** The one account id (or username) accepted in Basic auth. */
  accountId?: string
  /** The one license key (or password) accepted in Basic auth. */
  licenseKey?: string
  /** The one Bearer token accepted. */
  bearerToken?: string
}

/** Who a request authenticated as, or why it did not (an AvaTax code and message). */
export type Authentication =
  | { ok: true; type: 'AccountIdLicenseKey' | 'UsernamePassword' | 'OpenIdBearerToken'; name: string }
  | { ok: false; code: AvataxErrorCode; message: string }

/**
 * Reads an `Authorization` header as AvaTax does: `Basic base64(name:secret)` (an account id and
 * license key when the name is all digits, else a username and password) or `Bearer token`.
 * @note The official client sends `Authorization: undefined` when `withSecurity` was never called
 * (it puts an unset value in the header object), so that is treated as no credentials at all.
 * @example authenticate('Basic MTIzOmtleQ==', {}) // { ok: true, type: 'AccountIdLicenseKey', name: '123' }
 */
export function authenticate(header: string | null, accepted: TaxCredentials): Authentication {
  const value = header?.trim() ?? ''
  const space = value.indexOf(' ')
  const scheme = space < 0 ? value.toLowerCase() : value.slice(0, space).toLowerCase()
  const rest = space < 0 ? '' : value.slice(space + 1).trim()
  if (scheme === 'bearer') {
    if (rest === '') return incomplete
    if (accepted.bearerToken !== undefined && rest !== accepted.bearerToken) return refused
    return { ok: true, type: 'OpenIdBearerToken', name: 'bearer' }
  }
  if (scheme !== 'basic') return incomplete
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(rest) ? Buffer.from(rest, 'base64').toString('utf8') : ''
  const colon = decoded.indexOf(':')
  if (colon <= 0 || colon === decoded.length - 1)
    return {
      ok: false,
      code: 'BasicAuthIncorrect',
      message:
        "The Basic header must be in the format 'Basic (Base64Encoded(value))' where value is 'username:password' or 'accountid:licensekey'.",
    }
  const name = decoded.slice(0, colon)
  const secret = decoded.slice(colon + 1)
  if (accepted.accountId !== undefined && name !== accepted.accountId) return refused
  if (accepted.licenseKey !== undefined && secret !== accepted.licenseKey) return refused
  return { ok: true, type: /^\d+$/.test(name) ? 'AccountIdLicenseKey' : 'UsernamePassword', name }
}

const incomplete: Authentication = {
  ok: false,
  code: 'AuthenticationIncomplete',
  message: 'Authentication Incomplete. You must provide an Authorization header of the type Basic or Bearer.',
}

const refused: Authentication = {
  ok: false,
  code: 'AuthenticationException',
  message: 'Authentication failed.',
}
