import { once } from 'node:events'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { systemClock } from '../lib/clock.js'

/** A server a test opened, with its port and a close that also ends open sockets. */
export interface TestServer {
  port: number
  address: string
  close(): Promise<void>
}

function track(server: Server | HttpServer): () => Promise<void> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

async function listen(server: Server | HttpServer, close: () => Promise<void>): Promise<TestServer> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return { port, address: `127.0.0.1:${port}`, close }
}

/** A TCP echo server on 127.0.0.1 (any port). */
export async function startEchoServer(): Promise<TestServer> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined)
    socket.pipe(socket)
  })
  return listen(server, track(server))
}

/** A node:http server answering every request with `hello`. */
export async function startHelloServer(): Promise<TestServer> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end('hello')
  })
  return listen(server, track(server))
}

/** Opens a TCP connection to 127.0.0.1:port and waits until it is connected. */
export async function openSocket(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port })
  socket.on('error', () => undefined)
  await once(socket, 'connect')
  return socket
}

/** Writes `payload` and waits (at most `limitMs`) until as many bytes came back; returns the ms taken. */
export async function roundTrip(socket: Socket, payload = 'ping', limitMs = 5000): Promise<number> {
  const started = systemClock.monotonic()
  const want = Buffer.byteLength(payload)
  await new Promise<void>((resolve, reject) => {
    let got = 0
    const timer = setTimeout(() => finish(new Error(`no echo within ${limitMs} ms`)), limitMs)
    const onData = (data: Buffer): void => {
      got += data.length
      if (got >= want) finish()
    }
    const onClose = (): void => finish(new Error('socket closed before the echo'))
    function finish(error?: Error): void {
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('close', onClose)
      if (error === undefined) resolve()
      else reject(error)
    }
    socket.on('data', onData)
    socket.once('close', onClose)
    socket.write(payload)
  })
  return systemClock.monotonic() - started
}

/** Resolves with how the socket ended: 'end' (FIN), an error code such as 'ECONNRESET', or 'timeout'. */
export function waitForClose(socket: Socket, limitMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), limitMs)
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve(error.code ?? 'error')
    })
    socket.once('close', () => {
      clearTimeout(timer)
      resolve('end')
    })
    socket.resume()
  })
}

/** A control-API answer: status, parsed JSON body (or text when not JSON). */
export interface ApiAnswer {
  status: number
  body: unknown
}

/** Calls the control API with raw HTTP; `body` is sent as given when a string, else as JSON. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const init: RequestInit = { method }
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body)
    init.headers = { 'content-type': 'application/json' }
  }
  const response = await fetch(`${baseUrl}${path}`, init)
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = text
  }
  return { status: response.status, body: parsed }
}

/** The port of a `host:port` listen address. */
export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1))
}
