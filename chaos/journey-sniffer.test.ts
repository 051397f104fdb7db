import { describe, expect, it } from 'vitest'
import { JourneySniffer } from './journey-sniffer.js'

const head =
  'POST /v1/payment_intents HTTP/1.1\r\nhost: psp\r\nbaggage: gameday.journey=17,gameday.step=checkout,gameday.attempt=2\r\n\r\n'

describe('JourneySniffer', () => {
  it('reads the journey of a complete request head in one chunk, and says so once', () => {
    let calls = 0
    const sniffer = new JourneySniffer(() => (calls += 1))
    sniffer.feed(Buffer.from(`${head}{"amount":100}`))
    expect(sniffer.resolved).toBe(true)
    expect(sniffer.context).toEqual({ journey: 17, step: 'checkout', attempt: 2 })
    sniffer.feed(Buffer.from('GET / HTTP/1.1\r\nbaggage: gameday.journey=3\r\n\r\n'))
    sniffer.finish()
    expect(calls).toBe(1)
    expect(sniffer.context?.journey).toBe(17)
  })

  it('waits for the rest of a head split across chunks', () => {
    const sniffer = new JourneySniffer()
    const borrowed = Buffer.from(head.slice(0, 40))
    sniffer.feed(borrowed)
    expect(sniffer.resolved).toBe(false)
    borrowed.fill(0) // a reused read buffer: the sniffer kept its own copy
    sniffer.feed(Buffer.from(head.slice(40)))
    expect(sniffer.context).toEqual({ journey: 17, step: 'checkout', attempt: 2 })
  })

  it('resolves with no journey for bytes that are not HTTP, or a request without baggage', () => {
    const binary = new JourneySniffer()
    binary.feed(Buffer.from([0x16, 0x03, 0x01]))
    expect(binary.resolved).toBe(true)
    expect(binary.context).toBeUndefined()
    const plain = new JourneySniffer()
    plain.feed(Buffer.from('GET / HTTP/1.1\r\nhost: x\r\n\r\n'))
    expect(plain.resolved).toBe(true)
    expect(plain.context).toBeUndefined()
  })

  it('decides from what it saw when told no more is coming first', () => {
    const sniffer = new JourneySniffer()
    sniffer.feed(Buffer.from('GET / HTTP/1.1\r\nbaggage: gameday.journey=4\r\n'))
    expect(sniffer.resolved).toBe(false)
    sniffer.finish()
    expect(sniffer.context).toEqual({ journey: 4 })
    const silent = new JourneySniffer()
    silent.finish()
    expect(silent.resolved).toBe(true)
    expect(silent.context).toBeUndefined()
  })

  it('stops waiting at 8 KiB of head', () => {
    const sniffer = new JourneySniffer()
    sniffer.feed(Buffer.from(`GET / HTTP/1.1\r\nx-big: ${'a'.repeat(5000)}\r\n`))
    expect(sniffer.resolved).toBe(false)
    sniffer.feed(Buffer.from(`x-big2: ${'a'.repeat(5000)}\r\n`))
    expect(sniffer.resolved).toBe(true)
  })
})
