import { PGlite, types, type PGliteOptions } from '@electric-sql/pglite'
import { parseInt8 } from './db.js'
import type { PgliteWasmModule } from './pglite-wasm.js'

// PGlite starts Postgres with 128 MB of shared buffers, allocated in its WebAssembly memory: most
// of a platform process's 300 MB. A game day's database holds tens of MB at most, and its files
// sit in memory already (/dev/shm), so 32 MB of buffers costs no speed; measured here, a platform
// with its template database open went from 297 MB to 203 MB resident.
const SHARED_BUFFERS = '32MB'

/** The options every embedded database of the platform opens with, in a thread of its own or not. */
export function pgliteOptions(dataDir: string, wasmModule?: PgliteWasmModule): PGliteOptions {
  const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams
  return {
    dataDir,
    parsers: { [types.INT8]: parseInt8 },
    ...(defaults ? { startParams: [...defaults, '-c', `shared_buffers=${SHARED_BUFFERS}`] } : {}),
    ...(wasmModule ? { pgliteWasmModule: wasmModule } : {}),
  }
}
