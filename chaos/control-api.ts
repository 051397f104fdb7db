import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, apiErrors } from './api-error.js'
import { renderMetrics } from './metrics-text.js'
import type { ProxyCollection } from './proxy-collection.js'
import { readJsonBody } from './read-json-body.js'
import { parseNewToxic, parseToxicUpdate } from './toxic-spec.js'

/** Options of the control API. */
export interface ControlApiOptions {
  version: string
  /** Serve GET /metrics; @default true */
  metrics: boolean
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number
}

interface Reply {
  status: number
  body?: unknown
  text?: string
}

type Handler = (request: IncomingMessage, params: string[]) => Promise<Reply>

/**
 * The Toxiproxy HTTP API as a node:http request listener. Every failure becomes Toxiproxy's
 * `{"error","status"}` body; nothing a client sends can throw out of it.
 */
export function createControlApi(
  collection: ProxyCollection,
  options: ControlApiOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const body = (request: IncomingMessage): Promise<unknown> => readJsonBody(request, options.maxBodyBytes)

  const updateToxic: Handler = async (request, [proxyName = '', toxicName = '']) => {
    const proxy = collection.get(proxyName)
    const toxic = proxy.findToxic(toxicName)
    if (toxic === undefined) throw apiErrors.toxicNotFound
    proxy.updateToxic(toxic, parseToxicUpdate(toxic.toJSON(), await body(request)))
    return { status: 200, body: toxic.toJSON() }
  }
  const updateProxy: Handler = async (request, [name = '']) => {
    collection.get(name)
    return { status: 200, body: (await collection.update(name, await body(request))).toJSON() }
  }

  const routes: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
    {
      pattern: /^\/proxies$/,
      methods: {
        GET: async () => ({
          status: 200,
          body: Object.fromEntries(collection.list().map((proxy) => [proxy.name, proxy.toJSON()])),
        }),
        POST: async (request) => ({
          status: 201,
          body: (await collection.create(await body(request))).toJSON(),
        }),
      },
    },
    {
      pattern: /^\/populate$/,
      methods: {
        POST: async (request) => {
          const { proxies, error } = await collection.populate(await body(request))
          const list = proxies.length === 0 ? null : proxies.map((proxy) => proxy.toJSON())
          if (error !== undefined) return { status: error.status, body: { ...error.toJSON(), proxies: list } }
          return { status: 201, body: { proxies: list } }
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)$/,
      methods: {
        GET: async (_request, [name = '']) => ({ status: 200, body: collection.get(name).toJSON() }),
        POST: updateProxy,
        PATCH: updateProxy,
        DELETE: async (_request, [name = '']) => {
          await collection.remove(name)
          return { status: 204 }
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)\/toxics$/,
      methods: {
        GET: async (_request, [name = '']) => ({
          status: 200,
          body: collection
            .get(name)
            .toxicList()
            .map((toxic) => toxic.toJSON()),
        }),
        POST: async (request, [name = '']) => {
          const proxy = collection.get(name)
          const json = parseNewToxic(
            await body(request),
            (toxicName) => proxy.findToxic(toxicName) !== undefined,
          )
          return { status: 200, body: proxy.addToxic(json).toJSON() }
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/,
      methods: {
        GET: async (_request, [proxyName = '', toxicName = '']) => {
          const toxic = collection.get(proxyName).findToxic(toxicName)
          if (toxic === undefined) throw apiErrors.toxicNotFound
          return { status: 200, body: toxic.toJSON() }
        },
        POST: updateToxic,
        PATCH: updateToxic,
        DELETE: async (_request, [proxyName = '', toxicName = '']) => {
          const proxy = collection.get(proxyName)
          const toxic = proxy.findToxic(toxicName)
          if (toxic === undefined) throw apiErrors.toxicNotFound
          proxy.removeToxic(toxic)
          return { status: 204 }
        },
      },
    },
    {
      pattern: /^\/reset$/,
      methods: {
        POST: async () => {
          await collection.reset()
          return { status: 204 }
        },
      },
    },
    {
      pattern: /^\/version$/,
      methods: { GET: async () => ({ status: 200, body: { version: options.version } }) },
    },
    {
      pattern: /^\/metrics$/,
      methods: {
        GET: async () => {
          if (!options.metrics) throw apiErrors.notFound
          return { status: 200, text: renderMetrics(collection.list()) }
        },
      },
    },
  ]

  async function handle(request: IncomingMessage): Promise<Reply> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    for (const route of routes) {
      const match = route.pattern.exec(path)
      if (match === null) continue
      const handler = route.methods[request.method ?? 'GET']
      if (handler === undefined) throw apiErrors.methodNotAllowed
      const params = match.slice(1).map((part) => decodeURIComponent(part))
      return handler(request, params)
    }
    throw apiErrors.notFound
  }

  return (request, response) => {
    // Toxiproxy's stopBrowsersMiddleware: a web page must not drive the API from a browser.
    if (request.headers['user-agent']?.startsWith('Mozilla/') === true) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
      response.end('User agent not allowed\n')
      request.resume()
      return
    }
    handle(request)
      .catch((error: unknown) => {
        const apiError = toApiError(error)
        return { status: apiError.status, body: apiError.toJSON() }
      })
      .then((reply) => send(response, reply))
      .catch(() => response.destroy())
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof URIError) return ApiError.join(apiErrors.badRequestBody, 'bad escape in path')
  return new ApiError(error instanceof Error ? error.message : String(error), 500)
}

function send(response: ServerResponse, reply: Reply): void {
  if (reply.text !== undefined) {
    response.writeHead(reply.status, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
    response.end(reply.text)
    return
  }
  if (reply.body === undefined) {
    response.writeHead(reply.status)
    response.end()
    return
  }
  const text = JSON.stringify(reply.body)
  response.writeHead(reply.status, { 'content-type': 'application/json' })
  response.end(text)
}
