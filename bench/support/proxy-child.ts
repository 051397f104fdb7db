// The embedded Toxiproxy-compatible proxy alone in a child process, started over the runner's IPC
// protocol (scenarios/stack/child-entry.ts). The game-day stack runs the proxy inside the vendors'
// process; the checkout bench runs it apart so each process's CPU per checkout reads separately.
import { startProxyServer } from '../../chaos/index.js'
import { serveAsChild } from '../../scenarios/stack/child-entry.js'

export interface ProxyChildConfig {
  seed: number
}

export interface ProxyChildReady {
  proxyUrl: string
}

serveAsChild<ProxyChildConfig, ProxyChildReady>(async (config) => {
  const proxy = await startProxyServer({ host: '127.0.0.1', port: 0, seed: config.seed })
  return { ready: { proxyUrl: proxy.url }, close: () => proxy.close() }
})
