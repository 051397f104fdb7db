import { int, rejectUnknown, str } from './form-params.js'
import type { Keep } from './list-filters.js'
import type { OpInput, OpResult } from './stripe-endpoint.js'

/**
 * One page of a Stripe list, newest first: `limit` (1–100, default 10), `starting_after` and
 * `ending_before` cursors. It walks the id array from the cursor, so its cost is the page, not the store.
 * With `keep` (the list's filters, see list-filters.ts) it skips the ids that fail it: the walk then
 * stops once the page is full and one more kept id proves `has_more`, so a filter that matches
 * often still costs about a page, and one that matches rarely scans.
 */
export function listPage(
  input: OpInput,
  url: string,
  ids: readonly string[],
  render: (id: string) => Record<string, unknown> | undefined,
  filters: ReadonlySet<string> = new Set(),
  keep?: Keep<string>,
): OpResult {
  const { form } = input
  rejectUnknown(form, new Set(['limit', 'starting_after', 'ending_before', ...filters]))
  const limit = int(form, 'limit', 1, 100) ?? 10
  const after = str(form, 'starting_after')
  const before = str(form, 'ending_before')
  const data: Array<Record<string, unknown>> = []
  let hasMore = false
  if (keep) return filteredPage(url, ids, render, keep, limit, after, before)
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

function filteredPage(
  url: string,
  ids: readonly string[],
  render: (id: string) => Record<string, unknown> | undefined,
  keep: (id: string) => boolean,
  limit: number,
  after: string | undefined,
  before: string | undefined,
): OpResult {
  const picked: string[] = []
  let hasMore = false
  if (before !== undefined) {
    // Newer than the cursor, oldest first until the page is full, then shown newest first.
    const at = ids.lastIndexOf(before)
    for (let i = at < 0 ? ids.length : at + 1; i < ids.length; i++) {
      const id = ids[i] as string
      if (!keep(id)) continue
      if (picked.length === limit) {
        hasMore = true
        break
      }
      picked.push(id)
    }
    picked.reverse()
  } else {
    const at = after !== undefined ? ids.lastIndexOf(after) : ids.length
    for (let i = (at < 0 ? ids.length : at) - 1; i >= 0; i--) {
      const id = ids[i] as string
      if (!keep(id)) continue
      if (picked.length === limit) {
        hasMore = true
        break
      }
      picked.push(id)
    }
  }
  const data: Array<Record<string, unknown>> = []
  for (const id of picked) pushRendered(data, render, id)
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
