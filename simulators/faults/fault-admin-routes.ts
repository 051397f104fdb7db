import { adminError } from '../core/admin-error.js'
import { adminErrors } from '../error-codes.js'
import { json, readJson } from '../core/json-response.js'
import type { Route } from '../core/router.js'
import type { FaultModel } from './fault-model.js'
import { validateFaultRule } from './validate-fault-rule.js'

/**
 * `/__admin/faults`: list (GET), add (POST, validated JSON → 201 with the rule and its id; a rule
 * with any problem → 400 `FAULT_RULE_INVALID` with each problem in `details`, and nothing added;
 * an `id` another rule has → 409 `FAULT_RULE_ID_TAKEN`),
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
          return adminError(adminErrors.FAULT_RULE_INVALID, 'Failed to add fault rule: the body must be JSON')
        const result = validateFaultRule(body)
        if (!result.ok) {
          const [first, ...rest] = result.errors
          return adminError(
            adminErrors.FAULT_RULE_INVALID,
            `Failed to add fault rule: ${first?.message ?? 'invalid rule'}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
            { details: result.errors },
          )
        }
        const added = model.add(result.value)
        return added.ok ? json(201, added.rule) : adminError(adminErrors[added.code], added.message)
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
          : adminError(
              adminErrors.FAULT_RULE_NOT_FOUND,
              `Failed to remove fault rule (${params.id}): no such rule`,
            ),
    },
  ]
}
