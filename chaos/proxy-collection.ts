import { apiError, asApiError, type ApiError } from './api-error.js'
import { populateSchema, proxyBodySchema, proxyUpdateSchema, validateBody } from './body-schemas.js'
import { sameAddress } from './listen-address.js'
import { TcpProxy, type ProxyEnvironment } from './tcp-proxy.js'

/** A proxy to create: Toxiproxy's POST /proxies body. */
export interface ProxyConfig {
  name: string
  upstream: string
  /** `host:port`; @default '127.0.0.1:0' (any free port) */
  listen?: string
  /** @default true */
  enabled?: boolean
}

/** Where a proxy listens when the body names no `listen`. */
const defaultListen = '127.0.0.1:0'

/**
 * Every proxy of one server, by name. Changes run one at a time, so two requests cannot both
 * create the same name, and a failed start leaves nothing behind.
 */
export class ProxyCollection {
  private readonly proxies = new Map<string, TcpProxy>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly env: ProxyEnvironment) {}

  list(): TcpProxy[] {
    return [...this.proxies.values()]
  }

  /** @throws ApiError 404 when there is no such proxy */
  get(name: string): TcpProxy {
    const proxy = this.proxies.get(name)
    if (proxy === undefined) throw apiError('PROXY_NOT_FOUND')
    return proxy
  }

  /** POST /proxies: validates, starts (when enabled) and registers a proxy. */
  create(body: unknown): Promise<TcpProxy> {
    return this.exclusive(async () => {
      const config = checkProxyBody(body, '')
      if (this.proxies.has(config.name)) throw apiError('PROXY_ALREADY_EXISTS')
      return this.startNew(config)
    })
  }

  /**
   * POST /populate: validates every item before touching anything; an identical proxy (same listen
   * and upstream) is kept with its toxics, a changed one replaced.
   * @returns the proxies, and the error that stopped the run part-way (with those created before it)
   */
  populate(body: unknown): Promise<{ proxies: TcpProxy[]; error?: ApiError }> {
    return this.exclusive(async () => {
      const items = validateBody(populateSchema, body)
      const configs = items.map((item, index) => checkProxyBody(item, ` at proxy ${index + 1}`))
      const proxies: TcpProxy[] = []
      for (const config of configs) {
        const existing = this.proxies.get(config.name)
        if (existing !== undefined) {
          if (sameAddress(existing.listen, config.listen) && existing.upstream === config.upstream) {
            proxies.push(existing)
            continue
          }
          this.proxies.delete(config.name)
          await existing.stop()
        }
        try {
          proxies.push(await this.startNew(config))
        } catch (error) {
          return { proxies, error: asApiError(error) }
        }
      }
      return { proxies }
    })
  }

  /** POST /proxies/{name}: partial update; a new listen or upstream restarts the proxy. */
  update(name: string, body: unknown): Promise<TcpProxy> {
    return this.exclusive(async () => {
      const proxy = this.get(name)
      const input = validateBody(proxyUpdateSchema, body)
      await proxy.reconfigure({
        listen: input.listen !== undefined && input.listen !== '' ? input.listen : proxy.listen,
        upstream: input.upstream !== undefined && input.upstream !== '' ? input.upstream : proxy.upstream,
        enabled: input.enabled ?? proxy.enabled,
      })
      return proxy
    })
  }

  /** DELETE /proxies/{name}: stops the proxy and closes its connections. */
  remove(name: string): Promise<void> {
    return this.exclusive(async () => {
      const proxy = this.get(name)
      this.proxies.delete(name)
      await proxy.stop()
    })
  }

  /** POST /reset: enables every proxy and removes every toxic. */
  reset(): Promise<void> {
    return this.exclusive(async () => {
      for (const proxy of this.proxies.values()) {
        proxy.removeAllToxics()
        if (!proxy.enabled) await proxy.start()
      }
    })
  }

  /** Stops every proxy (server shutdown). */
  closeAll(): Promise<void> {
    return this.exclusive(async () => {
      const all = [...this.proxies.values()]
      this.proxies.clear()
      await Promise.all(all.map((proxy) => proxy.stop()))
    })
  }

  private async startNew(config: Required<ProxyConfig>): Promise<TcpProxy> {
    const proxy = new TcpProxy(config, this.env)
    if (config.enabled) await proxy.start()
    this.proxies.set(config.name, proxy)
    return proxy
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work)
    this.queue = result.catch(() => undefined)
    return result
  }
}

function checkProxyBody(body: unknown, where: string): Required<ProxyConfig> {
  const input = validateBody(proxyBodySchema, body)
  if (input.name === undefined || input.name === '') throw apiError('MISSING_FIELD', `name${where}`)
  if (input.upstream === undefined || input.upstream === '') {
    throw apiError('MISSING_FIELD', `upstream${where}`)
  }
  return {
    name: input.name,
    upstream: input.upstream,
    listen: input.listen !== undefined && input.listen !== '' ? input.listen : defaultListen,
    enabled: input.enabled ?? true,
  }
}
