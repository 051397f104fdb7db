import { Type, type Static } from '@sinclair/typebox'
import { SAFEGUARDS } from '../safeguards.js'

const SafeguardNameSchema = Type.Union(SAFEGUARDS.map((name) => Type.Literal(name)))

/** `GET /__admin/safeguards`: every safeguard, whether it is on in this run and whether code implements it. */
export const AdminSafeguardsResponseSchema = Type.Object({
  safeguards: Type.Array(
    Type.Object({ name: SafeguardNameSchema, on: Type.Boolean(), implemented: Type.Boolean() }),
  ),
})
export type AdminSafeguardsResponse = Static<typeof AdminSafeguardsResponseSchema>

const VendorSchema = Type.Union([Type.Literal('psp'), Type.Literal('tax'), Type.Literal('fraud')])
const StateSchema = Type.Union([
  Type.Literal('closed'),
  Type.Literal('open'),
  Type.Literal('half_open'),
  Type.Literal('disabled'),
])
const Count = Type.Integer({ minimum: 0 })

/**
 * `GET /__admin/breakers`: each vendor's breaker state and bulkhead load now, and the states'
 * history (epoch ms on the platform's clock; `toMs` absent for a state that still holds).
 */
export const AdminBreakersResponseSchema = Type.Object({
  atMs: Type.Number(),
  breakers: Type.Array(
    Type.Object({
      vendor: VendorSchema,
      state: StateSchema,
      bulkhead: Type.Optional(
        Type.Object({ inFlight: Count, queued: Count, maxConcurrent: Count, maxQueued: Count }),
      ),
    }),
  ),
  history: Type.Array(
    Type.Object({
      vendor: VendorSchema,
      state: StateSchema,
      fromMs: Type.Number(),
      toMs: Type.Optional(Type.Number()),
    }),
  ),
})
export type AdminBreakersResponse = Static<typeof AdminBreakersResponseSchema>
