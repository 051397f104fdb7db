import type { ToxicRuntime } from './toxic-runtime.js'

/** Passes data through untouched. */
export const noopToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    await ctx.forward(chunk)
  },
}
