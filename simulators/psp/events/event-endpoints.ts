import { ParamError, str, strArray } from '../wire/form-params.js'
import { createdFilter } from '../wire/list-filters.js'
import { listPage } from '../wire/list-page.js'
import type { PspContext } from '../psp-context.js'
import { renderEventJson } from './render-event.js'
import { invalidParam, resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'

const parse = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>

function retrieve(ctx: PspContext, input: OpInput): OpResult {
  const event = ctx.state.events.get(input.params.id ?? '')
  if (!event)
    return { ok: false, saved: false, failure: resourceMissing('id', input.params.id ?? '', 'event') }
  return { ok: true, body: parse(renderEventJson(event)) }
}

/**
 * Events are kept for the newest `eventLimit` only, so this scan is bounded. Filters: `type`
 * (exact, or a `prefix.*` wildcard), `types[]` (up to 20 exact names; not with `type`), `created`.
 */
function list(ctx: PspContext, input: OpInput): OpResult {
  const type = str(input.form, 'type')
  const types = input.form.types === undefined ? undefined : strArray(input.form, 'types')
  if (type !== undefined && types !== undefined)
    throw new ParamError(invalidParam('types', 'You may only specify one of these parameters: type, types.'))
  if (types !== undefined && types.length > 20)
    throw new ParamError(invalidParam('types', 'You may pass at most 20 event types.'))
  const created = createdFilter(input.form)
  const wanted = (t: string): boolean =>
    (type === undefined || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) &&
    (types === undefined || types.includes(t))
  const ids: string[] = []
  for (const event of ctx.state.events.values())
    if (wanted(event.type) && (created === undefined || created(event.created))) ids.push(event.id)
  return listPage(
    input,
    '/v1/events',
    ids,
    (id) => {
      const event = ctx.state.events.get(id)
      return event ? parse(renderEventJson(event)) : undefined
    },
    new Set(['type', 'types', 'created']),
  )
}

/** The Events endpoints. */
export const eventEndpoints: Endpoint[] = [
  { method: 'GET', path: '/v1/events', answers: { object: 'event', list: true }, run: list },
  { method: 'GET', path: '/v1/events/:id', answers: { object: 'event' }, run: retrieve },
]
