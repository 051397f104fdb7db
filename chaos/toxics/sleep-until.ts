import type { ToxicContext } from './toxic-runtime.js'

/**
 * Sleeps until `deadline()` (re-read after every wake-up, so an update applies mid-wait); stops
 * early when the toxic is removed or the link closes.
 * @returns true when the deadline was reached
 */
export async function sleepUntil(ctx: ToxicContext, deadline: () => number): Promise<boolean> {
  for (;;) {
    if (ctx.toxic.removed || ctx.link.closed) return false
    const waitMs = deadline() - ctx.link.now()
    if (waitMs <= 0) return true
    await ctx.link.sleep(waitMs)
  }
}
