import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { mkdirSync, readdirSync } from 'node:fs'
import { copyDir } from './copy-dir.js'
import { guardPgliteSessions } from './pglite-server-guard.js'
import { precompilePgliteWasm } from './pglite-wasm.js'
import { isInitialisedDataDir, warmDatabaseTemplate } from './template.js'

/** Options for {@link startPgliteServer}. */
export interface PgliteServerOptions {
  /** The database's directory: reopened when initialised, else filled (see `cacheDir`). */
  dataDir: string
  /**
   * Where the migrated template is cached: an empty `dataDir` gets a copy of it (~0.15 s) instead
   * of an initdb (seconds). Without it, PGlite runs initdb and the client migrates.
   */
  cacheDir?: string
  /** @default '127.0.0.1' */
  host?: string
  /** 0 picks a free port; a restart passes the first start's so the `db` link still points at it. @default 0 */
  port?: number
  /**
   * Connections served at once; one more is refused. Every connection shares PGlite's single
   * session, so this bounds sockets, not parallelism: leave room for the platform's pool, a
   * restarted platform's pool while the old one's sockets close, and the migration client.
   * @default 64
   */
  maxConnections?: number
}

/** A PGlite served over the Postgres wire protocol. */
export interface PgliteServer {
  host: string
  port: number
  /** `postgres://postgres@host:port/postgres`; PGlite takes any user and database name. */
  url: string
  /** Refuses new connections, drops the open ones (rolling back their transaction), closes PGlite. */
  close(): Promise<void>
}

/**
 * Serves the embedded database to other processes with `pg`, as a real Postgres would be, so the
 * platform reaches it through the `db` proxy link and a game day can fault that link.
 *
 * All connections share PGlite's one session: pglite-socket runs one message at a time and keeps
 * the database for a connection while it is inside a transaction (and, with
 * {@link guardPgliteSessions}, inside an extended-query batch). So transactions never overlap:
 * isolation is serial, a row lock never has to wait for another transaction (the other
 * connection waits for the whole transaction instead), and session state — `SET` without
 * LOCAL, prepared statement names, temp tables — is shared by every connection.
 *
 * @example const server = await startPgliteServer({ dataDir: '/dev/shm/run-1/db', cacheDir })
 */
export async function startPgliteServer(options: PgliteServerOptions): Promise<PgliteServer> {
  void precompilePgliteWasm()
  if (options.cacheDir && !isInitialisedDataDir(options.dataDir)) {
    const template = await warmDatabaseTemplate(options.cacheDir)
    mkdirSync(options.dataDir, { recursive: true })
    if (readdirSync(options.dataDir).length > 0)
      throw new Error(`Failed to open database (${options.dataDir}): not empty`)
    await copyDir(template, options.dataDir)
  }
  const pgliteWasmModule = await precompilePgliteWasm()
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
  })
  const host = options.host ?? '127.0.0.1'
  const server = new PGLiteSocketServer({
    db: guardPgliteSessions(pglite),
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 64,
  })
  try {
    await server.start()
  } catch (err) {
    await pglite.close().catch(() => {})
    throw err
  }
  const port = Number(server.getServerConn().split(':').pop())
  let closing: Promise<void> | undefined
  return {
    host,
    port,
    url: `postgres://postgres@${host}:${port}/postgres`,
    close: () =>
      (closing ??= (async () => {
        // stop() detaches every connection, which rolls back the one holding a transaction;
        // PGlite's close() waits for that ROLLBACK (it takes the same mutexes).
        await server.stop()
        await pglite.close()
      })()),
  }
}
