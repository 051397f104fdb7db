import type { ToxicContext, ToxicRuntime } from './toxic-runtime.js'

async function resetLater(ctx: ToxicContext): Promise<void> {
  if (ctx.state.triggered === 1) return
  ctx.state.triggered = 1
  const start = ctx.link.now()
  // Once triggered the reset happens even if the toxic is removed meanwhile, as in Toxiproxy.
  for (;;) {
    if (ctx.link.closed) return
    const waitMs = start + ctx.toxic.attr('timeout') - ctx.link.now()
    if (waitMs <= 0) break
    await ctx.link.sleep(waitMs)
  }
  ctx.link.reset()
}

/**
 * On the first chunk (or the end of input) waits `timeout` ms, then aborts the connection with a
 * TCP RST on both sockets (`resetAndDestroy`); the data is dropped. Unlike Toxiproxy, a toxic whose
 * toxicity draw missed does nothing at all.
 */
export const resetPeerToxic: ToxicRuntime = {
  onChunk: resetLater,
  onEnd: resetLater,
}
