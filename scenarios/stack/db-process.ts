import { defaultCacheDir } from '../../platform/config.js'
import { startPgliteServer } from '../../platform/db/pglite-server.js'
import { serveAsChild } from './child-entry.js'

/** What the runner asks of the database process. Import with `import type`: this module starts a child. */
export interface DbConfig {
  /** The stack's database directory: it outlives a platform crash and this process's restart. */
  dataDir: string
  /** The template cache an empty `dataDir` is copied from (see platform/db/template.ts). @default defaultCacheDir() */
  cacheDir?: string
  /** 0 or absent = any free port; a restart passes the first start's. */
  port?: number
  maxConnections?: number
}

/** What it answers: where `pg` reaches it (the runner puts the `db` link in front). */
export interface DbReady {
  url: string
  port: number
}

// The embedded database in a process of its own, served over the Postgres wire protocol: the
// platform reaches it through the `db` proxy link with `pg`, as it would a real server, and a
// platform crash cannot take the database with it.
serveAsChild<DbConfig, DbReady>(async (config) => {
  const server = await startPgliteServer({
    dataDir: config.dataDir,
    cacheDir: config.cacheDir ?? defaultCacheDir(),
    port: config.port ?? 0,
    ...(config.maxConnections ? { maxConnections: config.maxConnections } : {}),
  })
  return { ready: { url: server.url, port: server.port }, close: () => server.close() }
})
