import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// The tsconfig's libs declare WebAssembly's types but not its value; Node has both.
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly

let compiled: Promise<WebAssembly.Module | undefined> | undefined

/**
 * Compiles PGlite's WebAssembly once per process, started early: V8 compiles on background
 * threads, so this overlaps the database copy and the loading of the app's modules (~0.15 s).
 * Resolves `undefined` (PGlite then compiles it itself) if the file is not where 0.5.x keeps it.
 */
export function precompilePgliteWasm(): Promise<WebAssembly.Module | undefined> {
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
