import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../config.js'
import { migrate } from './migrate.js'
import { MIGRATIONS } from './migrations.js'
import { openPgDb } from './pg-db.js'
import { startPgliteServer, type PgliteServer } from './pglite-server.js'

const dirs: string[] = []
const cleanups: Array<() => Promise<void>> = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gameday-pglite-server-'))
  dirs.push(dir)
  return join(dir, 'db')
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Whether `p` is still pending after `ms`: for "waits" checks, never for "is fast" ones. */
const stillPending = async (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => false), pause(ms).then(() => true)])

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {})
})
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('startPgliteServer over the wire with pg', () => {
  let server: PgliteServer
  let pool: pg.Pool

  beforeAll(async () => {
    server = await startPgliteServer({ dataDir: tempDir(), cacheDir: defaultCacheDir() })
    pool = new pg.Pool({ connectionString: server.url, max: 6 })
    pool.on('error', () => {})
    await pool.query('CREATE TABLE notes (id int PRIMARY KEY, body text)')
    await pool.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)')
  })
  afterAll(async () => {
    await pool?.end()
    await server?.close()
  })

  it('binds 127.0.0.1 on a free port and answers from the migrated template', async () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`)
    const products = await pool.query<{ n: string }>('SELECT count(*) AS n FROM products')
    expect(Number(products.rows[0]?.n)).toBeGreaterThan(0)
  })

  it('shares one session among its connections: startup options are ignored, SET is seen by all', async () => {
    const a = new pg.Client({ connectionString: server.url, options: '-c search_path=elsewhere' })
    const b = new pg.Client({ connectionString: server.url })
    await a.connect()
    await b.connect()
    cleanups.push(
      () => a.end(),
      () => b.end(),
    )
    expect((await a.query('SHOW search_path')).rows).toEqual([{ search_path: 'public' }])
    await b.query('SET application_name = shared')
    expect((await a.query('SHOW application_name')).rows).toEqual([{ application_name: 'shared' }])
    await b.query('RESET application_name')
    const pid = async (c: pg.Client) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0]
    expect(await pid(a)).toEqual(await pid(b))
  })

  it('keeps one transaction from seeing another connection’s uncommitted rows', async () => {
    // Both connect first: a new connection's startup, too, waits for an open transaction to end.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()])
    cleanups.push(
      async () => a.release(),
      async () => b.release(),
    )
    await a.query('BEGIN')
    await a.query("INSERT INTO notes VALUES (1, 'uncommitted')")
    const seenByB = b.query('SELECT count(*)::int AS n FROM notes WHERE id = 1')
    // B waits for A's transaction as a whole (one PGlite session): it never reads mid-transaction.
    expect(await stillPending(seenByB, 200)).toBe(true)
    await a.query('ROLLBACK')
    expect((await seenByB).rows[0]).toEqual({ n: 0 })
  })

  it('shows a committed row to the other connection once committed', async () => {
    const a = await pool.connect()
    cleanups.push(async () => a.release())
    await a.query('BEGIN')
    await a.query("INSERT INTO notes VALUES (2, 'committed')")
    const seen = pool.query('SELECT body FROM notes WHERE id = 2')
    await a.query('COMMIT')
    expect((await seen).rows).toEqual([{ body: 'committed' }])
  })

  it('makes an UPDATE of a row locked FOR UPDATE wait until the lock holder commits', async () => {
    await pool.query('INSERT INTO counters VALUES (1, 0)')
    const a = await pool.connect()
    cleanups.push(async () => a.release())
    await a.query('BEGIN')
    await a.query('SELECT n FROM counters WHERE id = 1 FOR UPDATE')
    const update = pool.query('UPDATE counters SET n = n + 10 WHERE id = 1')
    expect(await stillPending(update, 200)).toBe(true)
    await a.query('UPDATE counters SET n = n + 1 WHERE id = 1')
    await a.query('COMMIT')
    await update
    expect((await pool.query('SELECT n FROM counters WHERE id = 1')).rows).toEqual([{ n: 11 }])
  })

  it('loses no update when concurrent read-modify-write transactions lock FOR UPDATE', async () => {
    await pool.query('INSERT INTO counters VALUES (2, 0)')
    const increment = async () => {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const { rows } = await c.query<{ n: number }>('SELECT n FROM counters WHERE id = $1 FOR UPDATE', [2])
        await pause(20) // the other transaction is queued by now
        await c.query('UPDATE counters SET n = $1 WHERE id = $2', [rows[0]!.n + 1, 2])
        await c.query('COMMIT')
      } finally {
        c.release()
      }
    }
    await Promise.all([increment(), increment()])
    expect((await pool.query('SELECT n FROM counters WHERE id = 2')).rows).toEqual([{ n: 2 }])
    await Promise.all(Array.from({ length: 20 }, increment))
    expect((await pool.query('SELECT n FROM counters WHERE id = 2')).rows).toEqual([{ n: 22 }])
  })

  it('rolls back the transaction of a connection destroyed mid-transaction, freeing the others', async () => {
    const a = await pool.connect()
    await a.query('BEGIN')
    await a.query("INSERT INTO notes VALUES (3, 'orphaned')")
    const waiting = pool.query('SELECT count(*)::int AS n FROM notes WHERE id = 3')
    a.release(new Error('killed mid-transaction')) // destroys the socket
    expect((await waiting).rows[0]).toEqual({ n: 0 })
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it('recovers from a socket reset mid-transaction and mid extended-query batch', async () => {
    // BEGIN, then a Parse of a failing statement with no Sync, then a TCP reset.
    const raw = connect(server.port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => raw.once('connect', resolve).once('error', reject))
    raw.on('error', () => {})
    const startup = Buffer.concat([
      int32(0),
      int32(196608),
      Buffer.from('user\0postgres\0database\0postgres\0\0'),
    ])
    startup.writeInt32BE(startup.length, 0)
    raw.write(startup)
    await pause(100)
    raw.write(message('Q', "BEGIN; INSERT INTO notes VALUES (4, 'reset')\0"))
    await pause(100)
    raw.write(message('P', '\0SELECT 1/0\0\0\0'))
    raw.write(message('B', '\0\0\0\0\0\0\0\0'))
    raw.write(message('E', '\0\0\0\0\0'))
    await pause(100)
    raw.resetAndDestroy()
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM notes WHERE id = $1', [4])
    expect(rows[0]).toEqual({ n: 0 })
  })
})

describe('startPgliteServer across a restart', () => {
  it('keeps committed rows when stopped and started again on the same directory and port', async () => {
    const dataDir = tempDir()
    const first = await startPgliteServer({ dataDir, cacheDir: defaultCacheDir() })
    cleanups.push(() => first.close())
    const pool = new pg.Pool({ connectionString: first.url, max: 3 })
    pool.on('error', () => {})
    await pool.query('CREATE TABLE kept (id int PRIMARY KEY)')
    await pool.query('INSERT INTO kept VALUES (1), (2)')
    const c = await pool.connect()
    await c.query('BEGIN')
    await c.query('INSERT INTO kept VALUES (3)') // open at close: rolled back
    c.release()
    await pool.end()
    await first.close()

    const second = await startPgliteServer({ dataDir, port: first.port })
    cleanups.push(() => second.close())
    expect(second.port).toBe(first.port)
    const client = new pg.Client({ connectionString: second.url })
    await client.connect()
    cleanups.push(() => client.end())
    expect((await client.query('SELECT id FROM kept ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }])
  })
})

describe('the platform’s Postgres path against startPgliteServer', () => {
  it('runs every migration through openPgDb on a fresh database', async () => {
    const server = await startPgliteServer({ dataDir: tempDir() }) // no template: initdb, unmigrated
    cleanups.push(() => server.close())
    const db = await openPgDb({ url: server.url })
    cleanups.push(() => db.close())
    const [applied, again] = await Promise.all([migrate(db), migrate(db)])
    expect([...applied!, ...again!].sort()).toEqual(MIGRATIONS.map((m) => m.id).sort())
    expect(await migrate(db)).toEqual([])
    const products = await db.query<{ n: number }>('SELECT count(*) AS n FROM products')
    expect(products.rows[0]?.n).toBeGreaterThan(0)
    const rolledBack = db.transaction(async (tx) => {
      await tx.query("UPDATE products SET stock = 0 WHERE sku = 'sku_mug'")
      throw new Error('abort')
    })
    await expect(rolledBack).rejects.toThrow('abort')
    const mug = await db.query<{ stock: number }>("SELECT stock FROM products WHERE sku = 'sku_mug'")
    expect(mug.rows[0]?.stock).toBe(1_000_000)
  }, 60_000)
})

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

function message(type: string, body: string): Buffer {
  const payload = Buffer.from(body, 'latin1')
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(payload.length + 4), payload])
}
