import { describe, expect, it } from 'vitest'
import type { Db } from './db.js'
import { whenOpen } from './when-open.js'

function fakeDb(calls: string[]): Db {
  return {
    kind: 'pglite',
    query: async <R>(sql: string) => {
      calls.push(sql)
      return { rows: [{ sql }] as R[], rowCount: 1 }
    },
    transaction: async (fn) => fn({ query: async <R>() => ({ rows: [] as R[], rowCount: 0 }) }),
    withConnection: (fn) => fn(),
    close: async () => {
      calls.push('close')
    },
  }
}

describe('whenOpen', () => {
  it('holds a query until the database is open, then runs it there', async () => {
    const calls: string[] = []
    let open!: (db: Db) => void
    const db = whenOpen('pglite', new Promise<Db>((resolve) => (open = resolve)))
    const result = db.query<{ sql: string }>('SELECT 1')
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toEqual([])
    open(fakeDb(calls))
    expect((await result).rows).toEqual([{ sql: 'SELECT 1' }])
    await db.close()
    expect(calls).toEqual(['SELECT 1', 'close'])
  })

  it("rejects calls with the open's error", async () => {
    const db = whenOpen('postgres', Promise.reject(new Error('Failed to open database: refused')))
    await expect(db.query('SELECT 1')).rejects.toThrow('refused')
    await expect(db.transaction(async () => 1)).rejects.toThrow('refused')
    expect(db.kind).toBe('postgres')
  })
})
