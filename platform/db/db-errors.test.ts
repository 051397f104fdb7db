import { describe, expect, it } from 'vitest'
import { DbPoolExhaustedError, isDbConnectionError } from './db-errors.js'

describe('isDbConnectionError', () => {
  it('knows a refused, reset or cut connection from a query the server refused', () => {
    expect(
      isDbConnectionError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true)
    expect(isDbConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isDbConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false)
    expect(isDbConnectionError(new DbPoolExhaustedError(10, 2000))).toBe(false)
    expect(isDbConnectionError('ECONNREFUSED')).toBe(false)
  })
})
