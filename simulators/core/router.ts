/** A simulator handler: a pure function of the request (and the path parameters) to a response. */
export type RouteHandler = (request: Request, params: Record<string, string>) => Response | Promise<Response>

/** One route: method, a path with `:name` segments, and its handler. */
export interface Route {
  method: string
  path: string
  handle: RouteHandler
}

interface Compiled {
  route: Route
  segments: string[]
}

/**
 * Finds the route for a request: exact paths through one Map lookup, parameterised ones by segment.
 * @note msw's `getResponse` cost about 200 µs a request here (it clones every request and
 * matches every handler), which alone would cap the PSP near 5,000 req/s; this router costs a
 * few µs. The same routes are offered as msw handlers by `toMswHandlers`.
 */
export function createRouter(routes: readonly Route[]): (request: Request) => Promise<Response | undefined> {
  const exact = new Map<string, Route>()
  const patterned: Compiled[] = []
  for (const route of routes) {
    if (route.path.includes(':')) patterned.push({ route, segments: route.path.split('/') })
    else exact.set(`${route.method} ${route.path}`, route)
  }
  return async (request) => {
    const pathname = pathOf(request.url)
    const hit = exact.get(`${request.method} ${pathname}`)
    if (hit) return hit.handle(request, {})
    const parts = pathname.split('/')
    for (const { route, segments } of patterned) {
      if (route.method !== request.method || segments.length !== parts.length) continue
      const params = matchSegments(segments, parts)
      if (params) return route.handle(request, params)
    }
    return undefined
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const want = segments[i] ?? ''
    const got = parts[i] ?? ''
    if (want.startsWith(':')) {
      if (got === '') return undefined
      try {
        params[want.slice(1)] = decodeURIComponent(got)
      } catch {
        return undefined
      }
    } else if (want !== got) return undefined
  }
  return params
}

/** The path of a URL without parsing the whole URL (the hot path calls this on every request). */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start < 0) return '/'
  const q = url.indexOf('?', start)
  return q < 0 ? url.slice(start) : url.slice(start, q)
}
