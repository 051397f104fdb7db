import { accessSync, constants } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'

/** Where a run's embedded database goes: memory-backed /dev/shm when there is one. */
export function scratchDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK)
    return '/dev/shm'
  } catch {
    return tmpdir()
  }
}

/** The same URL at another `host:port` (the platform reaches Postgres through its proxy link). */
export function withHostPort(databaseUrl: string, listen: string): string {
  const url = new URL(databaseUrl)
  const [host, port] = listen.split(':') as [string, string]
  url.hostname = host
  url.port = port
  return url.toString()
}

export function hostPort(url: string): string {
  const u = new URL(url)
  return `${u.hostname}:${u.port || (u.protocol.startsWith('postgres') ? '5432' : '80')}`
}

/** A loopback port held open until the link that needs it is about to listen there. */
export interface HeldPort {
  /** `127.0.0.1:PORT` */
  address: string
  /** Frees the port; call right before the proxy listens on it. */
  release(): Promise<void>
}

/**
 * A free loopback port, for a proxy link whose address must be known before the proxy exists
 * (the platform is started with it). It stays bound here until `release()`, so the window in
 * which another process could take it is the moment between release and the proxy's listen,
 * not the whole start-up.
 */
export function holdLoopbackPort(): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    // Nothing may talk to a held port (a client that starts before its link, say): dropped at once,
    // so it retries as if refused, and no open connection keeps `release` from closing the server.
    const server = createServer((socket) => socket.destroy())
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      let released: Promise<void> | undefined
      resolve({
        address: `127.0.0.1:${port}`,
        release: () => (released ??= new Promise<void>((done) => server.close(() => done()))),
      })
    })
  })
}
