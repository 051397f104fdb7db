/** A running periodic job. */
export interface PeriodicJob {
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>
}

/**
 * Runs `pass` every `intervalMs`, never two at once; a failing pass is reported to `onError`
 * and the next one still runs.
 *
 * @example const job = startPeriodicJob(1000, () => completeStalledCheckouts(deps, opts), log)
 */
export function startPeriodicJob(
  intervalMs: number,
  pass: () => Promise<unknown>,
  onError: (err: unknown) => void,
): PeriodicJob {
  let running: Promise<void> | undefined
  const timer = setInterval(() => {
    if (running) return
    running = pass()
      .then(
        () => undefined,
        (err: unknown) => onError(err),
      )
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
