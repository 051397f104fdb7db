import { childEntry, startChild, type StartedChild } from './child-process.js'

/** The platform's start config as the runner hands it over IPC (see platform/config.ts). */
export type PlatformStartConfig = Record<string, unknown> & { port: number }

/**
 * The platform as a child process that a game day can crash, restart and pause. A restart reuses
 * the first start's port and database directory, so the proxy link and every row survive it —
 * as they would for a real service restarted by its supervisor.
 */
export class PlatformProcess {
  #current: StartedChild<{ url: string }>
  #config: PlatformStartConfig
  #paused = false

  private constructor(current: StartedChild<{ url: string }>, config: PlatformStartConfig) {
    this.#current = current
    this.#config = config
  }

  /** Forks the platform; `config` may still be on its way (the runner waits for the PSP link). */
  static async start(config: Promise<PlatformStartConfig | undefined>): Promise<PlatformProcess> {
    const child = await startChild<{ url: string }>('platform', PlatformProcess.entry, config)
    const first = (await config) as PlatformStartConfig
    // Pin the port the first start got, so a restart comes back where the proxy points.
    return new PlatformProcess(child, { ...first, port: Number(new URL(child.ready.url).port) })
  }

  static readonly entry = childEntry('../../platform/server.js', import.meta.url)

  get url(): string {
    return this.#current.ready.url
  }

  /** Resolves when the current process exits, for whatever reason. */
  exited(): Promise<void> {
    const { child } = this.#current
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => child.once('exit', () => resolve()))
  }

  get pid(): number | undefined {
    return this.#current.child.pid
  }

  /** SIGKILL: no shutdown hooks, in-flight requests and transactions cut where they stand. */
  async kill(): Promise<void> {
    const { child } = this.#current
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    this.#paused = false
  }

  async restart(): Promise<void> {
    await this.kill()
    this.#current = await startChild<{ url: string }>('platform', PlatformProcess.entry, this.#config)
  }

  /** SIGSTOP: the process holds its sockets but runs nothing, like a long GC pause or a CPU stall. */
  pause(): void {
    if (this.#current.child.kill('SIGSTOP')) this.#paused = true
  }

  resume(): void {
    if (this.#paused && this.#current.child.kill('SIGCONT')) this.#paused = false
  }

  async stop(): Promise<void> {
    this.resume()
    await this.#current.stop()
  }
}
