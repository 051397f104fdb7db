import { request } from 'undici'
import type * as Schemas from '../../reports/schemas/index.js'
import type { GroundTruthItem, GroundTruthKind } from '../../reports/schemas/index.js'
import type { Skipped } from '../../reports/types.js'

/** GETs a ground-truth source; a failure to reach it becomes `{ skipped: why }`, never an empty list. */
export async function readJson<T>(url: string): Promise<T | Skipped> {
  try {
    const res = await request(url, { headersTimeout: 10_000, bodyTimeout: 30_000 })
    if (res.statusCode !== 200) {
      await res.body.dump()
      return { skipped: `GET ${url} answered HTTP ${res.statusCode}` }
    }
    return (await res.body.json()) as T
  } catch (error) {
    return { skipped: `GET ${url} failed: ${(error as Error).message}` }
  }
}

/**
 * One ground-truth list from a component's admin API, checked against its wire schema
 * (reports/schemas): a source that cannot be reached is `{ skipped: why }`; one that answers in
 * another shape — a renamed field, a string where a number belongs — is a bug in a contract,
 * and throws an error that names the source and the field (`PSP ledger: /entries/3/amount:
 * Expected integer`) rather than handing the checks `undefined`.
 */
export async function readGroundTruthList<K extends GroundTruthKind>(
  baseUrl: string,
  kind: K,
): Promise<GroundTruthItem<K>[] | Skipped> {
  const { GROUND_TRUTH, readGroundTruth } = await schemas()
  const body = await readJson<unknown>(`${baseUrl}${GROUND_TRUTH[kind].path}`)
  if (body !== null && typeof body === 'object' && 'skipped' in body) return body as Skipped
  return readGroundTruth(kind, body)
}

/**
 * The schemas load when the first list is read, after the load: compiling them costs ~150 ms of
 * CPU here, which at start-up would compete with the children for the path to the first request.
 */
let loaded: Promise<typeof Schemas> | undefined
const schemas = () => (loaded ??= import('../../reports/schemas/index.js'))
