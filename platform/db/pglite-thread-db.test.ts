import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from './db.js'
import { openPgliteThreadDb } from './pglite-thread-db.js'

describe('openPgliteThreadDb', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gameday-thread-'))
    db = await openPgliteThreadDb(dir)
    await db.query('CREATE TABLE t (id int8 PRIMARY KEY, at timestamptz, doc jsonb)')
  }, 60_000)
  afterAll(async () => {
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs statements with parameters and parses int8, dates and json as the in-thread database does', async () => {
    const at = new Date('2026-12-03T00:00:00Z')
    const inserted = await db.query('INSERT INTO t VALUES ($1, $2, $3::jsonb)', [
      1,
      at,
      JSON.stringify({ a: 1 }),
    ])
    expect(inserted.rowCount).toBe(1)
    const { rows } = await db.query<{ id: number; at: Date; doc: unknown }>(
      'SELECT * FROM t WHERE id = $1',
      [1],
    )
    expect(rows).toEqual([{ id: 1, at, doc: { a: 1 } }])
  })

  it('commits a transaction, and rolls one back when its callback throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (2)')
      await tx.query('INSERT INTO t (id) VALUES (3)')
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (4)')
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const { rows } = await db.query<{ id: number }>('SELECT id FROM t WHERE id > 1 ORDER BY id')
    expect(rows.map((r) => r.id)).toEqual([2, 3])
  })

  it('keeps Postgres error fields across the thread, and the session usable after a failed statement in a transaction', async () => {
    const error = await db.query('INSERT INTO t (id) VALUES (1)').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: '23505', constraint: 't_pkey' })
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (1)')
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it('makes a statement wait for an open transaction, as PGlite does in one thread', async () => {
    const order: string[] = []
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const tx = db.transaction(async (t) => {
      await t.query('INSERT INTO t (id) VALUES (10)')
      order.push('tx wrote')
      await held
      order.push('tx ends')
    })
    await new Promise((r) => setTimeout(r, 20))
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = 10').then((r) => {
      order.push('outside read')
      return r.rows[0]!.n
    })
    await new Promise((r) => setTimeout(r, 20))
    release()
    await tx
    expect(await outside).toBe(1)
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside read'])
  })

  it('opens Postgres with small shared buffers (a game day database is tens of MB)', async () => {
    expect((await db.query('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '32MB' }])
  })

  it('refuses a statement through a transaction handle kept past its end', async () => {
    let kept: { query(sql: string): Promise<unknown> } | undefined
    await db.transaction(async (tx) => {
      kept = tx
    })
    await expect(kept!.query('SELECT 1')).rejects.toThrow('the transaction is closed')
  })
})
