import { sleepUntil } from './sleep-until.js'
import type { ToxicRuntime } from './toxic-runtime.js'

/**
 * Delays each chunk by latency ± jitter ms, measured from when the chunk arrived, so delays do not
 * pile up across pipelined chunks. The jitter draw is made once per chunk from the link's PRNG.
 */
export const latencyToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    const draw = ctx.link.random()
    await sleepUntil(ctx, () => {
      const jitter = ctx.toxic.attr('jitter')
      return (
        chunk.atMs + ctx.toxic.attr('latency') + (jitter > 0 ? Math.floor(draw * 2 * jitter) - jitter : 0)
      )
    })
    await ctx.forward({ data: chunk.data, atMs: ctx.link.now() })
  },
}
