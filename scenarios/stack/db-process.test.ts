import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { defaultCacheDir } from '../../platform/config.js'
import { childEntry, startChild, type StartedChild } from './child-process.js'
import type { DbConfig, DbReady } from './db-process.js'

const entry = childEntry('./db-process.js', import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'gameday-db-process-'))
const children: StartedChild<DbReady>[] = []
const clients: pg.Client[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => {})
  for (const c of children.splice(0)) await c.stop()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function start(config: DbConfig): Promise<StartedChild<DbReady>> {
  const child = await startChild<DbReady>('db', entry, config)
  children.push(child)
  return child
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url })
  c.on('error', () => {})
  await c.connect()
  clients.push(c)
  return c
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(false)))
    s.once('error', () => resolve(true))
  })

describe('the db child process', () => {
  it('answers its port when listening, serves pg, and is gone after SIGTERM', async () => {
    const dataDir = join(dir, 'a')
    const db = await start({ dataDir, cacheDir: defaultCacheDir() })
    expect(db.ready.url).toBe(`postgres://postgres@127.0.0.1:${db.ready.port}/postgres`)
    const c = await client(db.ready.url)
    await c.query('CREATE TABLE kept (id int)')
    await c.query('INSERT INTO kept VALUES (1)')
    await c.end()
    await db.stop()
    expect(db.child.exitCode).toBe(0)
    expect(await refused(db.ready.port)).toBe(true)

    // Restarted on the same directory and port, as the stack would after a crash.
    const again = await start({ dataDir, port: db.ready.port })
    expect(again.ready.port).toBe(db.ready.port)
    const c2 = await client(again.ready.url)
    expect((await c2.query('SELECT id FROM kept')).rows).toEqual([{ id: 1 }])
  })

  it('keeps committed rows when SIGKILLed and started again', async () => {
    const dataDir = join(dir, 'b')
    const db = await start({ dataDir, cacheDir: defaultCacheDir() })
    const c = await client(db.ready.url)
    await c.query('CREATE TABLE kept (id int)')
    await c.query('INSERT INTO kept VALUES (1)')
    await c.query('BEGIN')
    await c.query('INSERT INTO kept VALUES (2)') // never committed
    const exited = new Promise((r) => db.child.once('exit', r))
    db.child.kill('SIGKILL')
    await exited
    const again = await start({ dataDir })
    const c2 = await client(again.ready.url)
    expect((await c2.query('SELECT id FROM kept')).rows).toEqual([{ id: 1 }])
  })

  it('refuses to start on a directory that is neither a database nor empty', async () => {
    const dataDir = join(dir, 'c')
    const { mkdirSync, writeFileSync } = await import('node:fs')
    mkdirSync(dataDir)
    writeFileSync(join(dataDir, 'stray'), 'x')
    await expect(start({ dataDir, cacheDir: defaultCacheDir() })).rejects.toThrow(/not empty/)
  })
})
