import type { ToxicRuntime } from './toxic-runtime.js'

/** Forwards at most `bytes` bytes per connection in its direction, then closes the connection. */
export const limitDataToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    const sent = ctx.state.sent ?? 0
    const remaining = Math.max(ctx.toxic.attr('bytes') - sent, 0)
    const data = chunk.data.length > remaining ? chunk.data.subarray(0, remaining) : chunk.data
    if (data.length > 0) {
      ctx.state.sent = sent + data.length
      await ctx.forward({ data, atMs: chunk.atMs })
    }
    if (ctx.toxic.attr('bytes') - (ctx.state.sent ?? 0) <= 0) ctx.link.close()
  },
}
