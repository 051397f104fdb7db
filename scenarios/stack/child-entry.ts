/**
 * The child side of the runner's start protocol: say we are listening, take the config, start,
 * answer `ready` (or `error`), and exit when the parent goes away — even when it was SIGKILLed,
 * the IPC channel closes and `disconnect` fires — or on SIGTERM/SIGINT.
 */
export function serveAsChild<Config, Ready extends object>(
  start: (config: Config) => Promise<{ ready: Ready; close: () => Promise<void> }>,
): void {
  if (!process.send) {
    process.stderr.write('This module is started by the gameday runner (child_process.fork with IPC).\n')
    process.exit(2)
  }
  let close: (() => Promise<void>) | undefined
  let started = false
  let stopping = false
  const stop = async (code: number): Promise<void> => {
    if (stopping) return
    stopping = true
    const timer = setTimeout(() => process.exit(code), 3_000)
    timer.unref()
    try {
      await close?.()
    } finally {
      process.exit(code)
    }
  }
  process.on('disconnect', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  process.on('SIGINT', () => void stop(0))
  process.on('message', (message: { type?: string; config?: Config }) => {
    if (message.type !== 'start' || started) return
    started = true
    start(message.config as Config).then(
      (started) => {
        close = started.close
        process.send?.({ type: 'ready', ...started.ready })
      },
      (error: unknown) => {
        const e = error as { code?: string; message?: string }
        process.send?.({ type: 'error', code: e.code ?? 'START_FAILED', message: e.message ?? String(error) })
        void stop(1)
      },
    )
  })
  process.send({ type: 'listening' })
}
