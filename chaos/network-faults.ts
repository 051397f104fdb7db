import { Toxiproxy, type Proxy, type Toxic, type ToxicType } from 'toxiproxy-node-client'
import { NetworkFaultsError } from './network-faults-error.js'

/** Options of {@link NetworkFaults.create}. */
export interface NetworkFaultsOptions {
  /** Control API of the embedded server or of a real Toxiproxy (TOXIPROXY_URL). */
  toxiproxyUrl: string
  /** Prefix of every proxy this run creates, e.g. 'gd-1a2b', so runs sharing one Toxiproxy never collide. */
  runId: string
  /** Milliseconds since the run started (injected, so timelines replay). */
  now: () => number
}

/** A proxied link to one target. */
export interface NetworkLink {
  /** Proxy name on the server: `${runId}-${target}`. */
  name: string
  /** Where clients connect: `127.0.0.1:PORT`. */
  listen: string
  /** `http://127.0.0.1:PORT`, for HTTP targets. */
  url: string
}

/** A toxic to add; defaults are Toxiproxy's. */
export interface ToxicRequest {
  /** A Toxiproxy toxic type; 'down' (the client's pseudo-type) disables the link instead. */
  type: ToxicType | 'noop'
  /** @default unique per run: `${type}_${stream}_${n}` */
  name?: string
  /** @default 'downstream' */
  stream?: 'upstream' | 'downstream'
  /** Share of connections affected, 0–1; @default 1 */
  toxicity?: number
  attributes?: Record<string, number>
}

/** One fault as the report shows it. */
export interface FaultRecord {
  /** The link's target name, e.g. 'psp'. */
  target: string
  /** Toxic type, or 'down' for a disabled link. */
  kind: string
  params: Record<string, unknown>
  fromMs: number
  /** Filled when the fault is removed or healed. */
  toMs?: number
}

/** The name {@link NetworkFaults.addToxic} returns for a 'down' fault. */
const downName = 'down'

interface LinkState {
  proxy: Proxy
  toxics: Map<string, { toxic: Toxic<unknown>; record: FaultRecord }>
  down: FaultRecord | undefined
}

/**
 * The network faults of one game-day run, driven only through toxiproxy-node-client so a real
 * Toxiproxy works the same. Every toxic the run adds is removed by {@link healAll}; its proxies are
 * deleted by {@link destroy}; both are idempotent and keep going past individual failures.
 * @example
 * const faults = await NetworkFaults.create({ toxiproxyUrl, runId: 'gd-1a2b', now: () => clock.elapsedMs() })
 * const psp = await faults.link('psp', { upstream: '127.0.0.1:12111' })
 * const name = await faults.addToxic('psp', { type: 'latency', attributes: { latency: 800, jitter: 100 } })
 * await faults.removeToxic('psp', name)
 * await faults.destroy()
 */
export class NetworkFaults {
  private readonly links = new Map<string, LinkState>()
  private readonly records: FaultRecord[] = []
  private counter = 0

  private constructor(
    private readonly client: Toxiproxy,
    private readonly options: NetworkFaultsOptions,
  ) {}

  /** Connects to the server (GET /version) so a wrong URL fails here, not mid-run. */
  static async create(options: NetworkFaultsOptions): Promise<NetworkFaults> {
    const client = new Toxiproxy(options.toxiproxyUrl.replace(/\/+$/, ''))
    try {
      await client.getVersion()
    } catch (error) {
      throw new NetworkFaultsError(
        'TOXIPROXY_UNREACHABLE',
        `Failed to reach Toxiproxy (${options.toxiproxyUrl})`,
        error,
      )
    }
    return new NetworkFaults(client, options)
  }

  /** Every fault applied and cleared so far, in the order applied. */
  get timeline(): readonly FaultRecord[] {
    return this.records
  }

  /** Creates proxy `${runId}-${target}` on 127.0.0.1 (any port) in front of `upstream`, replacing a stale one. */
  async link(target: string, options: { upstream: string; listen?: string }): Promise<NetworkLink> {
    const name = this.proxyName(target)
    if (this.links.has(target))
      throw new NetworkFaultsError('LINK_EXISTS', `Failed to create link (${target}): exists`)
    const body = { name, upstream: options.upstream, listen: options.listen ?? '127.0.0.1:0', enabled: true }
    let proxy: Proxy
    try {
      proxy = await this.client.createProxy(body)
    } catch (error) {
      if (!isStatus(error, 409)) throw wrap('LINK_FAILED', `Failed to create link (${target})`, error)
      await (await this.client.get(name)).remove()
      proxy = await this.client.createProxy(body)
    }
    this.links.set(target, { proxy, toxics: new Map(), down: undefined })
    return { name, listen: proxy.listen, url: `http://${proxy.listen}` }
  }

  /** Adds a toxic to a link (live on open connections); returns its name. */
  async addToxic(target: string, request: ToxicRequest): Promise<string> {
    const state = this.state(target)
    if (request.type === 'down') {
      // Not a toxic in Toxiproxy: a disabled proxy (toxiproxy-node-client's `Down` type says so).
      await this.setEnabled(target, false)
      return downName
    }
    const stream = request.stream ?? 'downstream'
    this.counter += 1
    const name = request.name ?? `${request.type}_${stream}_${this.counter}`
    const body = {
      name,
      type: request.type as ToxicType,
      stream,
      toxicity: request.toxicity ?? 1,
      attributes: request.attributes ?? {},
    }
    let toxic: Toxic<unknown>
    try {
      toxic = await state.proxy.addToxic<unknown>(body)
    } catch (error) {
      throw wrap('TOXIC_FAILED', `Failed to add toxic (${target}/${name})`, error)
    }
    const record: FaultRecord = {
      target,
      kind: request.type,
      params: { stream, toxicity: body.toxicity, ...body.attributes },
      fromMs: this.options.now(),
    }
    this.records.push(record)
    state.toxics.set(name, { toxic, record })
    return name
  }

  /** Removes a toxic this run added and closes its timeline entry. */
  async removeToxic(target: string, name: string): Promise<void> {
    const state = this.state(target)
    if (name === downName && !state.toxics.has(name)) return this.setEnabled(target, true)
    const entry = state.toxics.get(name)
    if (entry === undefined)
      throw new NetworkFaultsError('TOXIC_UNKNOWN', `Failed to remove toxic (${target}/${name}): unknown`)
    try {
      await entry.toxic.remove()
    } catch (error) {
      if (!isStatus(error, 404))
        throw wrap('TOXIC_FAILED', `Failed to remove toxic (${target}/${name})`, error)
    }
    state.toxics.delete(name)
    entry.record.toMs = this.options.now()
  }

  /** Disables (refuses and closes connections) or re-enables a link; recorded as a 'down' fault. */
  async setEnabled(target: string, enabled: boolean): Promise<void> {
    const state = this.state(target)
    try {
      state.proxy = await state.proxy.update({
        enabled,
        listen: state.proxy.listen,
        upstream: state.proxy.upstream,
      })
    } catch (error) {
      // A proxy deleted behind our back has nothing left to re-enable.
      if (!(enabled && isStatus(error, 404))) {
        throw wrap('LINK_FAILED', `Failed to ${enabled ? 'enable' : 'disable'} link (${target})`, error)
      }
    }
    if (!enabled && state.down === undefined) {
      state.down = { target, kind: 'down', params: {}, fromMs: this.options.now() }
      this.records.push(state.down)
    }
    if (enabled && state.down !== undefined) {
      state.down.toMs = this.options.now()
      state.down = undefined
    }
  }

  /** Removes every toxic this run added and re-enables its links; idempotent. */
  async healAll(): Promise<void> {
    const failures: unknown[] = []
    for (const [target, state] of this.links) {
      for (const name of [...state.toxics.keys()]) {
        await this.removeToxic(target, name).catch((error: unknown) => failures.push(error))
      }
      if (state.down !== undefined)
        await this.setEnabled(target, true).catch((error: unknown) => failures.push(error))
    }
    if (failures.length > 0)
      throw new NetworkFaultsError('HEAL_FAILED', 'Failed to heal network faults', failures)
  }

  /** Heals, then deletes this run's proxies; idempotent and safe after a partial failure. */
  async destroy(): Promise<void> {
    const failures: unknown[] = []
    await this.healAll().catch((error: unknown) => failures.push(error))
    for (const [target, state] of [...this.links]) {
      try {
        await state.proxy.remove()
        this.links.delete(target)
      } catch (error) {
        if (isStatus(error, 404)) this.links.delete(target)
        else failures.push(error)
      }
    }
    if (failures.length > 0)
      throw new NetworkFaultsError('DESTROY_FAILED', 'Failed to destroy network faults', failures)
  }

  private proxyName(target: string): string {
    // No run id: the proxies keep the links' own names (`gameday up`'s fixed `platform`, `psp`).
    return this.options.runId ? `${this.options.runId}-${target}` : target
  }

  private state(target: string): LinkState {
    const state = this.links.get(target)
    if (state === undefined) throw new NetworkFaultsError('LINK_UNKNOWN', `Failed to find link (${target})`)
    return state
  }
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof Error && error.message.endsWith(`status code ${status}`)
}

function wrap(
  code: ConstructorParameters<typeof NetworkFaultsError>[0],
  message: string,
  cause: unknown,
): Error {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new NetworkFaultsError(code, `${message}: ${reason}`, cause)
}
