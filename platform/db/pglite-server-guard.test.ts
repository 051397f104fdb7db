import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../config.js'
import { startPgliteServer, type PgliteServer } from './pglite-server.js'

/**
 * A relay that forwards what clients send 7 bytes at a time, 2 ms apart, as a slicer or bandwidth
 * toxic on the `db` link does: each extended-query batch reaches the server in many pieces.
 */
async function startSlicingRelay(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const relay: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1')
    upstream.setNoDelay(true)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => sockets.delete(s))
    }
    client.on('data', (chunk: Buffer) => {
      client.pause()
      void (async () => {
        for (let i = 0; i < chunk.length; i += 7) {
          upstream.write(chunk.subarray(i, i + 7))
          await new Promise((r) => setTimeout(r, 2))
        }
        client.resume()
      })()
    })
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  return {
    port: (relay.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        relay.close(() => resolve())
      }),
  }
}

describe('guardPgliteSessions', () => {
  let dir: string
  let server: PgliteServer
  let relay: { port: number; close: () => Promise<void> }
  let pool: pg.Pool

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gameday-pglite-guard-'))
    server = await startPgliteServer({ dataDir: join(dir, 'db'), cacheDir: defaultCacheDir() })
    relay = await startSlicingRelay(server.port)
    pool = new pg.Pool({
      host: '127.0.0.1',
      port: relay.port,
      user: 'postgres',
      database: 'postgres',
      max: 8,
    })
    pool.on('error', () => {})
  })
  afterAll(async () => {
    await pool?.end()
    await relay?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers each query with its own rows when batches from many connections arrive in pieces', async () => {
    // Two statements with the columns in opposite order: a Bind that reached the other
    // connection's Parse answers the wrong shape. Unguarded, 0.2.17 mixed up 82 of 300.
    const results = await Promise.allSettled(
      Array.from({ length: 160 }, async (_, i) => {
        const sql = i % 2 ? 'SELECT $1::int AS n, $2::text AS s' : 'SELECT $2::text AS s, $1::int AS n'
        const { rows } = await pool.query<{ n: number; s: string }>(sql, [i, `x${i}`])
        return rows[0]?.n === i && rows[0]?.s === `x${i}`
      }),
    )
    const failed = results.filter((r) => r.status === 'rejected' || !r.value)
    expect(failed).toEqual([])
  })

  it('keeps a transaction whole when its statements arrive in pieces', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS sliced (id int PRIMARY KEY, n int NOT NULL)')
    await pool.query('INSERT INTO sliced VALUES (1, 0)')
    const increment = async () => {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const { rows } = await c.query<{ n: number }>('SELECT n FROM sliced WHERE id = $1 FOR UPDATE', [1])
        await c.query('UPDATE sliced SET n = $1 WHERE id = $2', [rows[0]!.n + 1, 1])
        await c.query('COMMIT')
      } finally {
        c.release()
      }
    }
    await Promise.all(Array.from({ length: 12 }, increment))
    expect((await pool.query('SELECT n FROM sliced WHERE id = 1')).rows).toEqual([{ n: 12 }])
  })
})
