import { describe, expect, it } from 'vitest'
import { formatAddress, parseHostPort } from './listen-address.js'

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:80', { host: '127.0.0.1', port: 80 }],
    ['localhost:0', { host: '127.0.0.1', port: 0 }],
    [':8474', { host: '0.0.0.0', port: 8474 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    ['db.internal:5432', { host: 'db.internal', port: 5432 }],
  ])('parses %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected)
  })

  it.each(['nonsense', '127.0.0.1', '1.2.3.4:99999', '::1:80', 'host:-1', 'host:'])('refuses %s', (text) => {
    expect(parseHostPort(text)).toBeUndefined()
  })
})

describe('formatAddress', () => {
  it('brackets IPv6 addresses', () => {
    expect(formatAddress({ address: '::1', port: 5, family: 'IPv6' })).toBe('[::1]:5')
    expect(formatAddress({ address: '127.0.0.1', port: 5, family: 'IPv4' })).toBe('127.0.0.1:5')
  })
})
