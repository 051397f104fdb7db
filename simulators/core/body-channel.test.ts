import { describe, expect, it } from 'vitest'
import { responseText, textResponse } from './body-channel.js'

describe('textResponse', () => {
  it('reads like new Response(text, init): status, headers, text, json, bytes', async () => {
    const init = { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' } }
    const ours = textResponse('{"a":1}', init)
    const standard = new Response('{"a":1}', init)
    expect(ours).toBeInstanceOf(Response)
    expect([ours.status, ours.statusText, ours.ok, ours.type]).toEqual([
      standard.status,
      standard.statusText,
      standard.ok,
      standard.type,
    ])
    expect([...ours.headers]).toEqual([...standard.headers])
    expect(await ours.clone().json()).toEqual({ a: 1 })
    expect(new Uint8Array(await ours.clone().arrayBuffer())).toEqual(new TextEncoder().encode('{"a":1}'))
    expect(ours.bodyUsed).toBe(false)
    expect(await ours.text()).toBe('{"a":1}')
    expect(ours.bodyUsed).toBe(true)
    await expect(ours.text()).rejects.toThrow(TypeError)
    expect(() => ours.clone()).toThrow(TypeError)
  })

  it('defaults the content type as a string body does', () => {
    const ours = textResponse('plain', { status: 200 })
    expect(ours.headers.get('content-type')).toBe(new Response('plain').headers.get('content-type'))
  })

  it('offers its body as a stream to whoever asks (msw reads it so)', async () => {
    const ours = textResponse('streamed', { status: 200 })
    expect(ours.body).toBeInstanceOf(ReadableStream)
    expect(await new Response(ours.body).text()).toBe('streamed')
    expect(ours.bodyUsed).toBe(true)
  })

  it('gives the adapter its text without a stream, and a clone its own headers', async () => {
    const ours = textResponse('x', { status: 200, headers: { 'x-a': '1' } })
    const copy = ours.clone()
    copy.headers.set('x-a', '2')
    expect(ours.headers.get('x-a')).toBe('1')
    expect(await responseText(ours)).toBe('x')
    expect(await responseText(copy)).toBe('x')
  })

  it('refuses a body on a null-body status, as the standard constructor does', () => {
    expect(() => textResponse('x', { status: 204 })).toThrow(TypeError)
  })
})
