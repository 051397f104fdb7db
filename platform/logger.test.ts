import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'

describe('createLogger', () => {
  it('redacts credentials, card data and email addresses', () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const log = createLogger('info', sink)
    log.info({
      req: { headers: { authorization: 'Bearer sk_test_secret' } },
      body: { email: 'a@example.com', paymentMethod: 'pm_card_visa', card: { number: '4242424242424242' } },
    })
    const out = lines.join('')
    for (const secret of ['sk_test_secret', 'a@example.com', 'pm_card_visa', '4242424242424242']) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain('[redacted]')
  })

  it('is quiet at the default warn level', () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    createLogger('warn', sink).info('hello')
    expect(lines).toEqual([])
  })
})
