import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../testing/test-platform.js'
import type { Db } from './db.js'
import { toText } from './pglite-one-trip.js'

let db: Db
beforeAll(async () => {
  db = await openTestDb()
  await db.query(
    'CREATE TABLE one_trip (id text PRIMARY KEY, n int8, ok boolean, ids text[], doc jsonb, at timestamptz)',
  )
})
afterAll(async () => {
  await db?.close()
})

describe('one-trip PGlite queries', () => {
  it('sends every parameter type the platform uses and reads it back as PGlite parses it', async () => {
    const at = new Date('2026-11-25T12:00:00.123Z')
    const ids = ['pi_1', 'with "quotes", commas\\ and {braces}', 'NULL']
    const inserted = await db.query(
      'INSERT INTO one_trip (id, n, ok, ids, doc, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
      ['a', 9_007_199_254_740_991, false, ids, JSON.stringify({ sku: 'x', q: 1 }), at],
    )
    expect(inserted.rowCount).toBe(1)
    const res = await db.query('SELECT id, n, ok, ids, doc, at FROM one_trip WHERE id = $1', ['a'])
    expect(res.rows).toEqual([
      { id: 'a', n: 9_007_199_254_740_991, ok: false, ids, doc: { sku: 'x', q: 1 }, at },
    ])
    expect(res.rowCount).toBe(1)
    const none = await db.query('UPDATE one_trip SET ok = $2 WHERE id = $1 AND $3::text = ANY (ids)', [
      'a',
      true,
      'pi_2',
    ])
    expect(none.rowCount).toBe(0)
    const nulls = await db.query('SELECT $1::text IS NULL AS a, $2::int8 IS NULL AS b', [null, undefined])
    expect(nulls.rows).toEqual([{ a: true, b: true }])
  })

  it('rejects with the server error code and leaves the session usable, in a transaction too', async () => {
    await expect(db.query('SELECT * FROM nowhere WHERE id = $1', ['x'])).rejects.toMatchObject({
      code: '42P01',
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE one_trip SET ok = true WHERE id = $1', ['a'])
        await tx.query('INSERT INTO one_trip (id) VALUES ($1)', ['a'])
      }),
    ).rejects.toMatchObject({ code: '23505' })
    const res = await db.query<{ ok: boolean }>('SELECT ok FROM one_trip WHERE id = $1', ['a'])
    expect(res.rows).toEqual([{ ok: false }])
  })

  it('prepares each text once and forgets a statement the session lost, outside a transaction', async () => {
    const read = () => db.query<{ id: string }>('SELECT id FROM one_trip WHERE id = $1', ['a'])
    expect((await read()).rows).toEqual([{ id: 'a' }])
    expect((await read()).rows).toEqual([{ id: 'a' }])
    await db.query('DEALLOCATE ALL')
    expect((await read()).rows).toEqual([{ id: 'a' }])
    // A statement whose result type changed under it (DDL) is planned again.
    const star = () => db.query('SELECT * FROM one_trip WHERE id = $1', ['a'])
    await star()
    await db.query('ALTER TABLE one_trip ADD COLUMN extra int')
    expect((await star()).rows[0]).toHaveProperty('extra', null)
  })

  it('writes arrays as Postgres literals with every element quoted', () => {
    expect(toText(['a', 'b"c', 'd\\e', null])).toBe('{"a","b\\"c","d\\\\e",NULL}')
    expect(toText([])).toBe('{}')
    expect(toText(true)).toBe('true')
  })
})
