import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { requestWithBody, responseText } from './body-channel.js'
import { stripeErrorTypes } from '../error-codes.js'
import { internalHeaders } from './internal-headers.js'

// A handler must not throw; this is the last resort, in the shape of the PSP's `api_error`.
const internalError = JSON.stringify({
  error: { type: stripeErrorTypes.api_error.code, message: 'Internal simulator error' },
})

/** What the adapter knows about a request besides the `Request` itself. */
export interface ConnectionInfo {
  remoteAddress: string
  /** The body was larger than `maxBodyBytes`; the `Request` carries no body. */
  bodyTooLarge: boolean
}

/** A simulator as the adapter sees it: `Request → Response`, never throwing on bad input. */
export type SimulatorHandle = (request: Request, info: ConnectionInfo) => Promise<Response>

/** Options of {@link serve}. */
export interface ServeOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** 0 = any free port. @default 0 */
  port?: number
  handle: SimulatorHandle
  /** Bodies above this are not read. @default 1_048_576 */
  maxBodyBytes?: number
}

/** A running simulator server. */
export interface Served {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves a `Request → Response` function on a real `node:http` server (as msw's node adapter
 * does for interceptors). `Response.error()` becomes a socket reset; a handler that never
 * resolves is a real hang (until `close()`); the internal truncate header cuts the body short.
 * @example const served = await serve({ port: 0, handle: async () => new Response('ok') })
 */
export async function serve(options: ServeOptions): Promise<Served> {
  const host = options.host ?? '127.0.0.1'
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    void handleOne(req, res, host, maxBodyBytes, options.handle)
  })
  server.keepAliveTimeout = 65_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}

async function handleOne(
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
  maxBodyBytes: number,
  handle: SimulatorHandle,
): Promise<void> {
  try {
    const { body, tooLarge } = await readBody(req, maxBodyBytes)
    const method = req.method ?? 'GET'
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
    }
    const request = requestWithBody(
      `http://${host.includes(':') ? `[${host}]` : host}${req.url ?? '/'}`,
      { method, headers },
      method === 'GET' || method === 'HEAD' || body === undefined ? '' : body.toString(),
    )
    const response = await handle(request, {
      remoteAddress: req.socket.remoteAddress ?? '',
      bodyTooLarge: tooLarge,
    })
    await writeResponse(req, res, response)
  } catch {
    // A handler must not throw; if one does, answer like a crashed backend but stay up.
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(internalError)
    } else res.destroy()
  }
}

function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<{ body?: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(tooLarge || size === 0 ? { tooLarge } : { body: Buffer.concat(chunks), tooLarge }),
    )
    req.on('error', reject)
  })
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error' || response.status === 0) {
    req.socket.resetAndDestroy()
    return
  }
  const text = await responseText(response)
  const truncate = response.headers.has(internalHeaders.truncate)
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (!name.startsWith('x-gameday-')) out[name] = value
  })
  out['content-length'] = String(Buffer.byteLength(text))
  if (res.destroyed) return
  res.writeHead(response.status, out)
  if (truncate) {
    const body = Buffer.from(text)
    res.write(body.subarray(0, Math.floor(body.length / 2)))
    // Let the partial body reach the client before the connection goes away.
    setImmediate(() => req.socket.destroy())
    return
  }
  // A string body lets node send headers and body in one write.
  res.end(text)
}
