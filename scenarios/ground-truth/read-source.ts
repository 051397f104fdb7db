import { request } from 'undici'
import type { Skipped } from '../../reports/types.js'

/** GETs a ground-truth source; a failure becomes `{ skipped: why }`, never an empty list. */
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

/** `readJson` of a `{ [key]: T[] }` body, unwrapped to the list; a failure stays `{ skipped: why }`. */
export async function readList<T>(url: string, key: string): Promise<T[] | Skipped> {
  const body = await readJson<Record<string, T[]>>(url)
  return 'skipped' in body ? (body as Skipped) : (body[key] as T[])
}
