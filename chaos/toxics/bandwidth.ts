import { sleepUntil } from './sleep-until.js'
import type { ToxicRuntime } from './toxic-runtime.js'

/** Slice length in ms: a big chunk goes out in rate×100-byte pieces, one every 100 ms. */
const sliceMs = 100

/**
 * Limits a link to `rate` KB/s (1 KB = 1000 bytes, so `rate` bytes per ms): each chunk waits
 * length/rate ms; rate ≤ 0 means unlimited. Removing it lets the rest through at once.
 */
export const bandwidthToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    let data = chunk.data
    for (;;) {
      const rate = ctx.toxic.attr('rate')
      if (rate <= 0 || data.length === 0) break
      const sliceBytes = rate * sliceMs
      if (data.length <= sliceBytes) {
        const start = ctx.link.now()
        await sleepUntil(ctx, () => start + data.length / Math.max(ctx.toxic.attr('rate'), 1e-9))
        break
      }
      const start = ctx.link.now()
      if (!(await sleepUntil(ctx, () => start + sliceMs))) break
      await ctx.forward({ data: data.subarray(0, sliceBytes), atMs: chunk.atMs })
      data = data.subarray(sliceBytes)
    }
    if (data.length > 0) await ctx.forward({ data, atMs: chunk.atMs })
  },
}
