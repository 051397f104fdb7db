import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { holdLoopbackPort, hostPort, withHostPort } from './local-addresses.js'

function listenOn(address: string): Promise<NodeJS.ErrnoException | undefined> {
  const [host, port] = address.split(':') as [string, string]
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error))
    server.listen(Number(port), host, () => server.close(() => resolve(undefined)))
  })
}

describe('holdLoopbackPort', () => {
  it('keeps the port from anyone else until released, then frees it', async () => {
    const held = await holdLoopbackPort()
    expect(held.address).toMatch(/^127\.0\.0\.1:\d+$/)
    expect((await listenOn(held.address))?.code).toBe('EADDRINUSE')
    await held.release()
    await held.release()
    expect(await listenOn(held.address)).toBeUndefined()
  })
})

describe('addresses', () => {
  it('moves a database URL to the proxy link, keeping user, database and options', () => {
    expect(withHostPort('postgres://me@db.example:5432/test?sslmode=disable', '127.0.0.1:4100')).toBe(
      'postgres://me@127.0.0.1:4100/test?sslmode=disable',
    )
  })

  it('fills in default ports', () => {
    expect(hostPort('postgres://db.example/test')).toBe('db.example:5432')
    expect(hostPort('http://127.0.0.1:12111')).toBe('127.0.0.1:12111')
  })
})
