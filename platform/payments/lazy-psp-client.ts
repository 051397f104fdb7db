import type { PspClient } from './psp-client.js'

/** A {@link PspClient} whose implementation loads on first use or on {@link LazyPspClient.warm}. */
export interface LazyPspClient extends PspClient {
  /** Starts loading now (call it once the platform is ready, so start-up need not wait). */
  warm(): void
}

/**
 * A PSP client whose module loads later: the `stripe` package takes ~0.2 s to import, which
 * need not delay the platform's ready signal. The first `pay` waits for it.
 */
export function lazyPspClient(load: () => Promise<PspClient>): LazyPspClient {
  let client: Promise<PspClient> | undefined
  let loaded: PspClient | undefined
  const get = (): Promise<PspClient> => {
    if (!client) {
      client = load()
      client.then((c) => (loaded = c)).catch(() => {})
      // A load failure surfaces on the first pay, not as an unhandled rejection.
      client.catch(() => {})
    }
    return client
  }
  return {
    pay: async (request) => (await get()).pay(request),
    warm: () => void get(),
    isAvailable: () => loaded?.isAvailable() ?? true,
    close: () => {
      if (client) void client.then((c) => c.close()).catch(() => {})
    },
  }
}
