import { int, rejectUnknown, str } from './form-params.js'
import type { OpInput, OpResult } from './stripe-endpoint.js'

/**
 * One page of a Stripe list, newest first: `limit` (1–100, default 10), `starting_after` and
 * `ending_before` cursors. It walks the id array from the cursor, so its cost is the page, not the store.
 */
export function listPage(
  input: OpInput,
  url: string,
  ids: readonly string[],
  render: (id: string) => Record<string, unknown> | undefined,
  filters: ReadonlySet<string> = new Set(),
): OpResult {
  const { form } = input
  rejectUnknown(form, new Set(['limit', 'starting_after', 'ending_before', ...filters]))
  const limit = int(form, 'limit', 1, 100) ?? 10
  const after = str(form, 'starting_after')
  const before = str(form, 'ending_before')
  const data: Array<Record<string, unknown>> = []
  let hasMore = false
  if (before !== undefined) {
    // Newer than the cursor: indexes above it, returned newest first.
    const at = ids.lastIndexOf(before)
    const start = at < 0 ? ids.length : at + 1
    const end = Math.min(ids.length, start + limit)
    for (let i = end - 1; i >= start; i--) pushRendered(data, render, ids[i])
    hasMore = end < ids.length
  } else {
    const at = after !== undefined ? ids.lastIndexOf(after) : ids.length
    let i = (at < 0 ? ids.length : at) - 1
    for (; i >= 0 && data.length < limit; i--) pushRendered(data, render, ids[i])
    hasMore = i >= 0
  }
  return { ok: true, body: { object: 'list', data, has_more: hasMore, url } }
}

function pushRendered(
  data: Array<Record<string, unknown>>,
  render: (id: string) => Record<string, unknown> | undefined,
  id: string | undefined,
): void {
  const item = id === undefined ? undefined : render(id)
  if (item) data.push(item)
}
