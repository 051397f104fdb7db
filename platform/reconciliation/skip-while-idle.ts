/**
 * Wraps a periodic pass so that it backs off while it finds nothing: after `n` idle passes in a
 * row the next `min(n, maxSkipped)` ticks are skipped; a pass that found work resets it. An idle
 * reconciler (no open order, no intent in its window) then costs a pass every 8 s, not every 2 s,
 * and a checkout's first order makes the next pass find work again.
 *
 * @param pass resolves to whether it was idle.
 * @example startPeriodicJob(2000, skipWhileIdle(async () => isIdle(await reconciler.run('periodic')), 3), log)
 */
export function skipWhileIdle(pass: () => Promise<boolean>, maxSkipped: number): () => Promise<void> {
  let idleStreak = 0
  let toSkip = 0
  return async () => {
    if (toSkip > 0) {
      toSkip--
      return
    }
    const idle = await pass()
    idleStreak = idle ? idleStreak + 1 : 0
    toSkip = Math.min(idleStreak, maxSkipped)
  }
}
