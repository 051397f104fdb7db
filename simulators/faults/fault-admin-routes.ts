import { json, readJson } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import type { FaultModel } from './fault-model.js'
import { validateFaultRule } from './validate-fault-rule.js'

/**
 * `/__admin/faults`: list (GET), add (POST, validated JSON → 201 with the rule and its id; a rule
 * with any problem → 400 `FAULT_RULE_INVALID` with each problem in `details`, and nothing added),
 * remove one (DELETE /{id}), clear (DELETE), and the log of faults applied (GET /applied).
 */
export function faultAdminRoutes(model: FaultModel): Route[] {
  return [
    { method: 'GET', path: '/__admin/faults', handle: () => json(200, { rules: model.list() }) },
    {
      method: 'POST',
      path: '/__admin/faults',
      handle: async (request) => {
        const body = await readJson(request)
        if (body === undefined)
          return json(400, { error: { code: 'FAULT_RULE_INVALID', message: 'Body must be JSON' } })
        const result = validateFaultRule(body)
        if (!result.ok) {
          const [first, ...rest] = result.errors
          return json(400, {
            error: {
              code: 'FAULT_RULE_INVALID',
              message: `Failed to add fault rule: ${first?.message ?? 'invalid rule'}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
              details: result.errors,
            },
          })
        }
        return json(201, model.add(result.value))
      },
    },
    {
      method: 'DELETE',
      path: '/__admin/faults',
      handle: () => {
        model.clear()
        return json(200, { rules: [] })
      },
    },
    { method: 'GET', path: '/__admin/faults/applied', handle: () => json(200, model.applied()) },
    {
      method: 'DELETE',
      path: '/__admin/faults/:id',
      handle: (_request, params) =>
        model.remove(params.id ?? '')
          ? json(200, { id: params.id, deleted: true })
          : json(404, {
              error: {
                code: 'FAULT_RULE_NOT_FOUND',
                message: `Failed to remove fault rule (${params.id}): no such rule`,
              },
            }),
    },
  ]
}
