import { afterEach, beforeEach } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../lib/clock.js'
import type { PlatformConfigInput } from '../config.js'
import type { Db } from '../db/db.js'
import { startStubPsp, type StubPsp } from './stub-psp.js'
import { openTestDb, testApp } from './test-platform.js'

/** What {@link usePlatformFixture} hands a test file; `db` and `psp` are new for every test. */
export interface PlatformFixture {
  readonly db: Db
  readonly psp: StubPsp
  /** An app on this test's database and stub PSP (config on top of `pspUrl`), closed after the test. */
  app(input?: Partial<PlatformConfigInput>, clock?: Clock): FastifyInstance
}

/**
 * Per test: a fresh embedded database from the template and a stub PSP, both closed after it,
 * with every app opened through `app()`.
 * @example const fx = usePlatformFixture(); it('…', async () => { const app = fx.app(); … fx.psp.charges … })
 */
export function usePlatformFixture(): PlatformFixture {
  let current: { db: Db; psp: StubPsp } | undefined
  const closers: Array<() => Promise<void>> = []
  beforeEach(async () => {
    current = { db: await openTestDb(), psp: await startStubPsp() }
  })
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
    await current?.psp.close()
    await current?.db.close()
    current = undefined
  })
  const now = () => {
    if (!current) throw new Error('The platform fixture is set up per test: use it inside a test')
    return current
  }
  return {
    get db() {
      return now().db
    },
    get psp() {
      return now().psp
    },
    app(input = {}, clock) {
      const t = testApp(now().db, { pspUrl: now().psp.url, ...input }, clock)
      closers.push(t.close)
      return t.app
    },
  }
}
