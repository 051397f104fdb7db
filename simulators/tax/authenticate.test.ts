import { describe, expect, it } from 'vitest'
import { authenticate } from './authenticate.js'

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`

describe('authenticate', () => {
  it('accepts any non-empty Basic pair or Bearer token when none is configured', () => {
    expect(authenticate(basic('123:key'), {})).toEqual({ ok: true, type: 'AccountIdLicenseKey', name: '123' })
    expect(authenticate(basic('me@example.com:pw'), {})).toMatchObject({ ok: true, type: 'UsernamePassword' })
    expect(authenticate('Bearer tok', {})).toMatchObject({ ok: true, type: 'OpenIdBearerToken' })
  })

  it('treats a missing header, another scheme and the client’s "undefined" as incomplete', () => {
    for (const header of [null, '', 'undefined', 'Digest abc', 'Bearer '])
      expect(authenticate(header, {})).toMatchObject({ ok: false, code: 'AuthenticationIncomplete' })
  })

  it('refuses a Basic value that is not base64 of name:secret', () => {
    for (const header of ['Basic !!!', basic('nocolon'), basic(':secret'), basic('name:')])
      expect(authenticate(header, {})).toMatchObject({ ok: false, code: 'BasicAuthIncorrect' })
  })

  it('accepts only the configured credentials when given', () => {
    const accepted = { accountId: '9', licenseKey: 'k', bearerToken: 't' }
    expect(authenticate(basic('9:k'), accepted)).toMatchObject({ ok: true })
    expect(authenticate(basic('9:x'), accepted)).toMatchObject({ ok: false, code: 'AuthenticationException' })
    expect(authenticate(basic('8:k'), accepted)).toMatchObject({ ok: false, code: 'AuthenticationException' })
    expect(authenticate('Bearer u', accepted)).toMatchObject({ ok: false, code: 'AuthenticationException' })
  })
})
