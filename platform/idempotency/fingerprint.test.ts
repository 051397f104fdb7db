import { describe, expect, it } from 'vitest'
import { canonicalJson, requestFingerprint } from './fingerprint.js'

describe('requestFingerprint', () => {
  it('ignores the order of object keys', () => {
    expect(requestFingerprint('POST', '/v1/checkouts', { a: 1, b: { c: 2, d: 3 } })).toBe(
      requestFingerprint('POST', '/v1/checkouts', { b: { d: 3, c: 2 }, a: 1 }),
    )
  })

  it('tells apart different bodies, methods and routes', () => {
    const base = requestFingerprint('POST', '/v1/checkouts', { a: 1 })
    expect(requestFingerprint('POST', '/v1/checkouts', { a: 2 })).not.toBe(base)
    expect(requestFingerprint('PUT', '/v1/checkouts', { a: 1 })).not.toBe(base)
    expect(requestFingerprint('POST', '/v1/other', { a: 1 })).not.toBe(base)
  })

  it('writes canonical JSON without undefined members', () => {
    expect(canonicalJson({ b: [1, { y: 1, x: null }], a: undefined, c: 'é' })).toBe(
      '{"b":[1,{"x":null,"y":1}],"c":"é"}',
    )
  })
})
