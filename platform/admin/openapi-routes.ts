import swagger from '@fastify/swagger'
import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifySchema } from 'fastify'
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, type ProblemCode } from '../http/problem.js'
import { COMMON_PROBLEMS, INPUT_PROBLEMS, ROUTE_PROBLEMS } from './route-problems.js'

/** Where the document is served. */
export const OPENAPI_PATH = '/openapi.json'

/** The document's top: what the routes add to it is under `paths`. */
const OpenApiDocumentSchema = Type.Object(
  {
    openapi: Type.String(),
    info: Type.Object({ title: Type.String(), version: Type.String() }, { additionalProperties: true }),
    paths: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: true },
)

/**
 * Describes the API by itself: `@fastify/swagger` gathers every route's TypeBox schemas as
 * routes register, and `GET /openapi.json` answers them as an OpenAPI 3.1 document. Each
 * operation is tagged by its area and lists its problem+json answers (route-problems.ts), which
 * the route schemas cannot say.
 *
 * @note Call before any route registers: swagger learns routes from its `onRoute` hook.
 * @example
 * registerOpenApi(app)
 * const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
 */
export function registerOpenApi(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gameday reference commerce API',
        version: '1',
        description:
          'Catalog, carts, idempotent checkout, orders, PSP webhooks, and the `/__admin` API game days read.',
      },
    },
    // TypeBox `Type.Literal` is `const`, which 3.1 has.
    convertConstToEnum: false,
    transform: ({ schema, url, route }) => ({ url, schema: describe(schema, url, route.method) }),
  })
  // In a plugin after swagger's, so that swagger's hook sees this route too.
  app.register(async (scoped) => {
    scoped.get(OPENAPI_PATH, { schema: { response: { 200: OpenApiDocumentSchema } } }, async () =>
      app.swagger(),
    )
  })
}

function describe(schema: FastifySchema | undefined, url: string, method: string | string[]): FastifySchema {
  const methods = Array.isArray(method) ? method : [method]
  const declared = (schema?.response ?? {}) as Record<string, unknown>
  const takesInput =
    schema?.body !== undefined || schema?.params !== undefined || schema?.querystring !== undefined
  const codes = new Set<ProblemCode>([
    ...COMMON_PROBLEMS,
    ...(takesInput ? INPUT_PROBLEMS : []),
    ...methods.flatMap((m) => ROUTE_PROBLEMS[`${m} ${url}`] ?? []),
  ])
  const success = Object.keys(declared).some((status) => status.startsWith('2'))
    ? {}
    : { '2XX': { type: 'null', description: 'Success; the route declares no response schema' } }
  return {
    ...schema,
    tags: [tagOf(url)],
    response: { ...success, ...declared, ...problemResponses([...codes]) },
  }
}

/** Responses by status, each a problem+json whose `code` is one of that status's codes. */
function problemResponses(codes: ProblemCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemCode[]>()
  for (const code of codes) {
    const { status } = PROBLEM_CODES[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  return Object.fromEntries(
    [...byStatus].map(([status, inStatus]) => [
      String(status),
      {
        description: inStatus.map((c) => `${c}: ${PROBLEM_CODES[c].title}`).join('; '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(inStatus) } },
      },
    ]),
  )
}

function problemSchema(codes: ProblemCode[]): TSchema {
  return Type.Object(
    {
      type: Type.String(),
      title: Type.String(),
      status: Type.Integer(),
      detail: Type.String(),
      code: Type.String({ enum: codes }),
    },
    { additionalProperties: true, description: 'RFC 9457 problem details with a stable code' },
  )
}

/** The area a route belongs to, by its path: `/v1/carts/:id` → `cart`, `/__admin/…` → `admin`. */
function tagOf(url: string): string {
  if (url.startsWith('/__admin')) return 'admin'
  const area = url.split('/')[2] ?? ''
  const tags: Record<string, string> = {
    products: 'catalog',
    carts: 'cart',
    checkouts: 'checkout',
    orders: 'orders',
    webhooks: 'webhooks',
  }
  return tags[area] ?? 'meta'
}
