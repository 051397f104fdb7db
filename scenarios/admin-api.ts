import { request } from 'undici'
import type { Skipped } from '../reports/types.js'

/** Sets a SKU's stock through the platform's admin API (a flash sale's few units). */
export async function setStock(platformUrl: string, sku: string, units: number): Promise<void> {
  const res = await request(`${platformUrl}/__admin/products/${encodeURIComponent(sku)}/stock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stock: units }),
  })
  const text = await res.body.text()
  if (res.statusCode >= 300)
    throw new Error(`Failed to set the stock of ${sku} (HTTP ${res.statusCode}): ${text}`)
}

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

/** Drops a run's schema from a shared Postgres once its platform has stopped. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}
