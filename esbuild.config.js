// Bundles the two child-process entries after `tsc` has compiled them, so each child loads one
// file and a few chunks instead of the few hundred modules of fastify, TypeBox, pino and undici:
// the platform's app modules load in 50 ms instead of 174 ms, measured here (docs/decisions/0003-bundled-children.md).
// Entries keep their folder, so `import.meta.url` lookups (PGlite's files, the template cache)
// resolve as they do from the unbundled modules. Dynamic imports stay lazy: `--splitting`.
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'

await rm('dist/chunks', { recursive: true, force: true })
await build({
  entryPoints: [
    'dist/platform/server.js',
    'dist/scenarios/stack/vendors-process.js',
    'dist/scenarios/stack/db-process.js',
  ],
  outdir: 'dist',
  outbase: 'dist',
  entryNames: '[dir]/[name].bundle',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // PGlite finds its .wasm and .data beside its own module: it must load from node_modules.
  external: ['@electric-sql/*'],
  // CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __gamedayRequire } from 'node:module'; const require = __gamedayRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
