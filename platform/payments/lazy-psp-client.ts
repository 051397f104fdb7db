import type { PspClient } from './psp-client.js'

/**
 * A PSP client whose module loads in the background: the `stripe` package takes ~0.2 s to
 * import, which need not delay the platform's ready signal. The first `pay` waits for it.
 */
export function lazyPspClient(load: () => Promise<PspClient>): PspClient {
  const client = load()
  // A load failure surfaces on the first pay, not as an unhandled rejection.
  client.catch(() => {})
  return {
    pay: async (request) => (await client).pay(request),
    close: () => void client.then((c) => c.close()).catch(() => {}),
  }
}
