import { http, type HttpHandler } from 'msw'
import type { Route } from './router.js'

const methods = {
  GET: http.get,
  POST: http.post,
  DELETE: http.delete,
  PUT: http.put,
  PATCH: http.patch,
} as const

/**
 * The same routes as msw request handlers, for `setupServer(...)` in a test that wants no socket.
 * They skip the fault layer and the admin check (msw has no notion of either).
 * @example setupServer(...toMswHandlers(routes, 'https://api.stripe.com'))
 */
export function toMswHandlers(routes: readonly Route[], origin = '*'): HttpHandler[] {
  return routes.map((route) => {
    const register = methods[route.method as keyof typeof methods]
    return register(`${origin}${route.path}`, ({ request, params }) =>
      route.handle(request, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))),
    )
  })
}
