import type { IncomingMessage } from 'node:http'
import { apiError } from './api-error.js'
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

/** What a handler answers: a JSON body, a text body, or nothing (204). */
export interface Reply {
  status: number
  body?: unknown
  text?: string
}

type Handler = (request: IncomingMessage, params: string[]) => Promise<Reply>

/** A path pattern (its groups are the URL-decoded params) and a handler per method. */
export interface Route {
  pattern: RegExp
  methods: Record<string, Handler>
}

/** The Toxiproxy API's routes (api.go's router), as a table. Handlers throw ApiError on failure. */
export function createApiRoutes(collection: ProxyCollection, options: ControlApiOptions): Route[] {
  const body = (request: IncomingMessage): Promise<unknown> => readJsonBody(request, options.maxBodyBytes)

  const findToxic = (proxyName: string, toxicName: string) => {
    const proxy = collection.get(proxyName)
    const toxic = proxy.findToxic(toxicName)
    if (toxic === undefined) throw apiError('TOXIC_NOT_FOUND')
    return { proxy, toxic }
  }
  const updateToxic: Handler = async (request, [proxyName = '', toxicName = '']) => {
    findToxic(proxyName, toxicName)
    const input = await body(request)
    // Looked up again: the toxic may have been removed while the body was arriving.
    const { proxy, toxic } = findToxic(proxyName, toxicName)
    proxy.updateToxic(toxic, parseToxicUpdate(toxic.toJSON(), input))
    return { status: 200, body: toxic.toJSON() }
  }
  const updateProxy: Handler = async (request, [name = '']) => {
    collection.get(name)
    return { status: 200, body: (await collection.update(name, await body(request))).toJSON() }
  }

  return [
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
          collection.get(name)
          const input = await body(request)
          const proxy = collection.get(name)
          const json = parseNewToxic(input, (toxicName) => proxy.findToxic(toxicName) !== undefined)
          return { status: 200, body: proxy.addToxic(json).toJSON() }
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/,
      methods: {
        GET: async (_request, [proxyName = '', toxicName = '']) => {
          return { status: 200, body: findToxic(proxyName, toxicName).toxic.toJSON() }
        },
        POST: updateToxic,
        PATCH: updateToxic,
        DELETE: async (_request, [proxyName = '', toxicName = '']) => {
          const { proxy, toxic } = findToxic(proxyName, toxicName)
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
          if (!options.metrics) throw apiError('ROUTE_NOT_FOUND')
          return { status: 200, text: renderMetrics(collection.list()) }
        },
      },
    },
  ]
}
