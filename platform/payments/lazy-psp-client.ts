import type { PspClient, PspRefunds } from './psp-client.js'
import type { ManualCapturePsp } from './psp-manual-capture.js'

/** A {@link PspClient} whose implementation loads on first use or on {@link LazyPspClient.warm}. */
export interface LazyPspClient extends PspClient, ManualCapturePsp, PspRefunds {
  /** Starts loading now (call it once the platform is ready, so start-up need not wait). */
  warm(): void
}

/**
 * A PSP client whose module loads later: the `stripe` package takes ~0.2 s to import, which
 * need not delay the platform's ready signal. The first call waits for it.
 */
export function lazyPspClient(
  load: () => Promise<PspClient & Partial<ManualCapturePsp & PspRefunds>>,
): LazyPspClient {
  let client: Promise<PspClient & Partial<ManualCapturePsp & PspRefunds>> | undefined
  let loaded: PspClient | undefined
  const get = (): Promise<PspClient & Partial<ManualCapturePsp & PspRefunds>> => {
    if (!client) {
      client = load()
      client.then((c) => (loaded = c)).catch(() => {})
      // A load failure surfaces on the first call, not as an unhandled rejection.
      client.catch(() => {})
    }
    return client
  }
  return {
    pay: async (request) => (await get()).pay(request),
    authorize: async (request) => manual(await get(), 'authorize').authorize(request),
    capture: async (request) => manual(await get(), 'capture').capture(request),
    cancel: async (request) => manual(await get(), 'cancel').cancel(request),
    refund: async (request) => {
      const loadedClient = await get()
      if (!loadedClient.refund) throw new Error('Failed to refund a payment: the PSP client loaded has none')
      return loadedClient.refund(request)
    },
    warm: () => void get(),
    isAvailable: () => loaded?.isAvailable() ?? true,
    close: () => {
      if (client) void client.then((c) => c.close()).catch(() => {})
    },
  }
}

function manual(client: PspClient & Partial<ManualCapturePsp>, step: string): ManualCapturePsp {
  if (!client.authorize || !client.capture || !client.cancel) {
    throw new Error(`Failed to ${step} a payment: the PSP client loaded has no manual capture`)
  }
  return client as ManualCapturePsp
}
