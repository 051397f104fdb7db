import { sleepUntil } from './sleep-until.js'
import type { ToxicRuntime } from './toxic-runtime.js'

/** Lets data through and holds the close back by `delay` ms. */
export const slowCloseToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    await ctx.forward(chunk)
  },
  async onEnd(ctx) {
    const start = ctx.link.now()
    await sleepUntil(ctx, () => start + ctx.toxic.attr('delay'))
    await ctx.forwardEnd()
  },
}
