import type { ToxicContext, ToxicRuntime } from './toxic-runtime.js'

/** Each link's armed idle timer, by the toxic's per-link state. */
const timers = new WeakMap<object, () => void>()

function arm(ctx: ToxicContext): void {
  disarm(ctx)
  const timeoutMs = ctx.toxic.attr('timeout')
  if (timeoutMs > 0)
    timers.set(
      ctx.state,
      ctx.link.timer(() => ctx.link.close(), timeoutMs),
    )
}

function disarm(ctx: ToxicContext): void {
  timers.get(ctx.state)?.()
  timers.delete(ctx.state)
}

/**
 * Drops every byte and closes the connection after `timeout` ms without an incoming chunk (an idle
 * timer, restarted by each chunk); 0 hangs until the toxic is removed, which closes the connection.
 */
export const timeoutToxic: ToxicRuntime = {
  async onChunk(ctx) {
    arm(ctx)
  },
  onActivate(ctx) {
    arm(ctx)
  },
  onDeactivate(ctx, removed) {
    disarm(ctx)
    if (removed) ctx.link.close()
  },
}
