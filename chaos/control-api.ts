import type { IncomingMessage, ServerResponse } from 'node:http'
import { apiError, asApiError, type ApiError } from './api-error.js'
import { createApiRoutes, type ControlApiOptions, type Reply } from './api-routes.js'
import type { ProxyCollection } from './proxy-collection.js'

/**
 * The Toxiproxy HTTP API as a node:http request listener. Every failure becomes Toxiproxy's
 * `{"error","status"}` body; nothing a client sends can throw out of it.
 */
export function createControlApi(
  collection: ProxyCollection,
  options: ControlApiOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const routes = createApiRoutes(collection, options)

  async function handle(request: IncomingMessage): Promise<Reply> {
    const path = pathOf(request.url ?? '/')
    for (const route of routes) {
      const match = route.pattern.exec(path)
      if (match === null) continue
      const handler = route.methods[request.method ?? 'GET']
      if (handler === undefined) throw apiError('METHOD_NOT_ALLOWED')
      const params = match.slice(1).map((part) => decodeURIComponent(part))
      return handler(request, params)
    }
    throw apiError('ROUTE_NOT_FOUND')
  }

  return (request, response) => {
    // Toxiproxy's stopBrowsersMiddleware: a web page must not drive the API from a browser.
    if (request.headers['user-agent']?.startsWith('Mozilla/') === true) {
      const refused = apiError('USER_AGENT_REFUSED')
      response.writeHead(refused.status, { 'content-type': 'text/plain; charset=utf-8' })
      response.end(`${refused.message}\n`)
      request.resume()
      return
    }
    handle(request)
      .catch((error: unknown) => {
        const failure = toApiError(error)
        return { status: failure.status, body: failure.toJSON() }
      })
      .then((reply) => send(response, reply))
      .catch(() => response.destroy())
  }
}

/** The path of a request target; origin-form ('/proxies?x') needs no URL parser. */
function pathOf(target: string): string {
  if (target.startsWith('/')) return target.split('?', 1)[0] ?? '/'
  try {
    return new URL(target).pathname
  } catch {
    return target
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof URIError) return apiError('BAD_REQUEST_BODY', 'bad escape in path')
  return asApiError(error)
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
