import type { PGliteOptions } from '@electric-sql/pglite'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** A compiled module, as PGlite's `pgliteWasmModule` option takes it. */
export type PgliteWasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>

// The tsconfig's libs (ES2023, no DOM) do not declare WebAssembly; Node has it.
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<PgliteWasmModule> } }
).WebAssembly

let compiled: Promise<PgliteWasmModule | undefined> | undefined

/**
 * Compiles PGlite's WebAssembly once per process, started early: V8 compiles on background
 * threads, so this overlaps the database copy and the loading of the app's modules (~0.15 s).
 * Resolves `undefined` (PGlite then compiles it itself) if the file is not where 0.5.x keeps it.
 */
export function precompilePgliteWasm(): Promise<PgliteWasmModule | undefined> {
  compiled ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
      return await wasm.compile(await readFile(join(dirname(entry), 'pglite.wasm')))
    } catch {
      return undefined
    }
  })()
  return compiled
}
