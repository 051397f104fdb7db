/**
 * Rewrites docs/scenario-library.md from the built-in scenarios. Run after adding or changing
 * one: `npx tsx scenarios/catalog/write-scenario-library.ts`; a test fails while it is out of date.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { builtInScenarios } from './index.js'
import { renderScenarioLibrary } from './scenario-library.js'

const target = fileURLToPath(new URL('../../docs/scenario-library.md', import.meta.url))
await writeFile(target, renderScenarioLibrary(builtInScenarios.values()), 'utf8')
process.stdout.write(`Wrote ${target}\n`)
