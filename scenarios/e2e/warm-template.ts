import { defaultCacheDir } from '../../platform/config.js'
import { warmDatabaseTemplate } from '../../platform/db/template.js'

/**
 * Vitest global setup of the game days: builds the migrated PGlite template once, before they
 * start side by side. On a cold cache (a fresh clone) every game day otherwise waited for the one
 * build, then all started in the same second, and the first phases' latency SLOs measured that
 * pile-up rather than the scenario.
 */
export default async function warmTemplate(): Promise<void> {
  await warmDatabaseTemplate(defaultCacheDir())
}
