import { request } from 'undici'
import type { NetworkFaults } from '../../chaos/client.js'
import type { FaultRecord } from '../../reports/types.js'
import type { Clock } from '../../lib/clock.js'
import type { Fault, ProcessFault } from '../format/scenario.js'

/** What a process fault needs of the platform's process (stack/platform-process.ts is one). */
export interface CrashableProcess {
  /** Its admin API, to arm and disarm crash points. */
  readonly url: string
  /** Resolves when the current process exits, for whatever reason. */
  exited(): Promise<void>
  /** SIGKILL. */
  kill(): Promise<void>
  /** A new process on the same port and data. */
  restart(): Promise<void>
  /** SIGSTOP / SIGCONT. */
  pause(): void
  resume(): void
}

/** Something to undo when a phase ends or the run is interrupted. */
type Applied = { heal: () => Promise<void>; record: FaultRecord }

/**
 * Applies a phase's faults and heals them, keeping the timeline for the report. Every fault it
 * applied is healed by `healAll()` whatever happened (Chaos Toolkit's rollbacks).
 */
export class FaultController {
  readonly #applied = new Set<Applied>()
  readonly #timeline: FaultRecord[] = []

  constructor(
    private readonly deps: {
      network: NetworkFaults
      /** Admin base URLs of the simulators, reached directly (never through a toxic). */
      vendorAdmin: { psp: string; tax: string; fraud: string }
      platform: CrashableProcess
      /** The run's elapsed ms, for the timeline. */
      now: () => number
      /** Times a process fault's strike and recovery. */
      clock: Clock
      /** One-line events: a crash noticed, a restart done. */
      onEvent?: (event: string) => void
    },
  ) {}

  /** Every fault applied so far, with `toMs` set once healed. */
  get timeline(): FaultRecord[] {
    return this.#timeline
  }

  /**
   * Applies `faults` in order. `label` (the phase's name) names each vendor rule
   * (`<label>-<index>`): a rule's fault draws key on its id, so a stable id replays.
   */
  async apply(faults: readonly Fault[], label = 'fault'): Promise<Applied[]> {
    const applied: Applied[] = []
    for (const [index, fault] of faults.entries()) {
      const one = await this.#applyOne(fault, `${label}-${index}`)
      this.#applied.add(one)
      this.#timeline.push(one.record)
      applied.push(one)
    }
    return applied
  }

  /**
   * Heals each fault, going on past failures (the proxy or a simulator may be gone when a run is
   * interrupted); resolves the failures, never rejects.
   */
  async heal(applied: readonly Applied[]): Promise<Error[]> {
    const failures: Error[] = []
    for (const one of applied) {
      if (!this.#applied.delete(one)) continue
      try {
        await one.heal()
      } catch (error) {
        failures.push(error as Error)
      }
    }
    return failures
  }

  healAll(): Promise<Error[]> {
    return this.heal([...this.#applied])
  }

  async #applyOne(fault: Fault, ruleId: string): Promise<Applied> {
    const fromMs = this.deps.now()
    switch (fault.kind) {
      case 'toxic': {
        const toxic = { stream: 'downstream' as const, toxicity: 1, ...fault.toxic }
        const name = await this.deps.network.addToxic(fault.target, toxic)
        const record = {
          target: fault.target,
          kind: `toxic:${toxic.type}`,
          params: { ...toxic },
          fromMs,
          toMs: fromMs,
        }
        return {
          heal: async () => {
            await this.deps.network.removeToxic(fault.target, name)
            record.toMs = this.deps.now()
          },
          record,
        }
      }
      case 'link': {
        await this.deps.network.setEnabled(fault.target, false)
        const record = { target: fault.target, kind: 'link:down', params: {}, fromMs, toMs: fromMs }
        return {
          heal: async () => {
            await this.deps.network.setEnabled(fault.target, true)
            record.toMs = this.deps.now()
          },
          record,
        }
      }
      case 'vendor': {
        const admin = this.deps.vendorAdmin[fault.target]
        const res = await request(`${admin}/__admin/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: ruleId, ...fault.rule }),
        })
        const body = (await res.body.json()) as { id?: string }
        if (res.statusCode >= 300 || !body.id) {
          throw new Error(
            `Failed to add fault rule to ${fault.target} (HTTP ${res.statusCode}): ${JSON.stringify(body)}`,
          )
        }
        const id = body.id
        const record = {
          target: `${fault.target}-app`,
          kind: `vendor:${fault.rule.effect.type}`,
          params: { ...fault.rule },
          fromMs,
          toMs: fromMs,
        }
        return {
          heal: async () => {
            const del = await request(`${admin}/__admin/faults/${encodeURIComponent(id)}`, {
              method: 'DELETE',
            })
            await del.body.dump()
            record.toMs = this.deps.now()
          },
          record,
        }
      }
      case 'process':
        return this.#processFault(fault, fromMs)
      default: {
        const never: never = fault
        throw new Error(`Unknown fault ${JSON.stringify(never)}`)
      }
    }
  }

  /**
   * Runs on its own clock: waits `atMs`, crashes or stalls the platform, and brings it back after
   * `forMs`. Healing early (the run ends or is interrupted) brings it back at once.
   */
  async #processFault(fault: ProcessFault, appliedAtMs: number): Promise<Applied> {
    const { platform, now, clock } = this.deps
    const atMs = fault.atMs ?? 0
    const forMs = fault.forMs ?? 1_000
    const record: FaultRecord = {
      target: 'platform-process',
      kind: `process:${fault.action}`,
      params: { atMs, forMs },
      fromMs: appliedAtMs + atMs,
      toMs: appliedAtMs + atMs,
    }
    let state: 'waiting' | 'down' | 'healed' = 'waiting'
    let recovering: Promise<void> = Promise.resolve()
    // Healing waits for a restart already under way: the next phase's faults need the platform up.
    const recover = (): Promise<void> => {
      if (state !== 'down') return recovering
      state = 'healed'
      recovering = (async () => {
        const started = clock.monotonic()
        if (fault.action === 'pause') platform.resume()
        else await platform.restart()
        record.toMs = now()
        const took = Math.round(clock.monotonic() - started)
        this.deps.onEvent?.(`platform ${fault.action === 'pause' ? 'resumed' : `restarted in ${took} ms`}`)
      })()
      return recovering
    }
    let cancelRecovery = () => {}
    if (fault.action === 'crash-at') {
      // The platform kills itself at the step; we only notice, then restart it after `forMs`.
      record.params = { ...record.params, step: fault.step, nth: fault.nth ?? 1 }
      await armCrashPoint(platform.url, fault.step ?? 'after-psp-charge', fault.nth ?? 1)
      void platform.exited().then(() => {
        if (state !== 'waiting') return
        state = 'down'
        record.fromMs = now()
        this.deps.onEvent?.(`platform crashed at ${fault.step ?? 'after-psp-charge'}; restart in ${forMs} ms`)
        cancelRecovery = clock.setTimeout(() => void recover().catch(() => {}), forMs)
      })
      return {
        record,
        heal: async () => {
          cancelRecovery()
          if (state === 'waiting') {
            // The crash may fire while we disarm, or just before: a platform that cannot answer
            // the disarm is down (or dying), and is restarted like any crashed one.
            const disarmed = await disarmCrashPoints(platform.url).then(
              () => true,
              () => false,
            )
            if (state === 'waiting') state = disarmed ? 'healed' : 'down'
          }
          await recover()
        },
      }
    }
    const cancelStrike = clock.setTimeout(() => {
      if (state !== 'waiting') return
      state = 'down'
      record.fromMs = now()
      const strike = fault.action === 'kill' ? platform.kill() : Promise.resolve(platform.pause())
      void strike.then(() => {
        cancelRecovery = clock.setTimeout(() => void recover().catch(() => {}), forMs)
      })
    }, atMs)
    return {
      record,
      heal: async () => {
        cancelStrike()
        cancelRecovery()
        if (state === 'waiting') state = 'healed'
        await recover()
      },
    }
  }
}

async function armCrashPoint(platformUrl: string, step: string, nth: number): Promise<void> {
  const res = await request(`${platformUrl}/__admin/crash-points`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ step, nth }),
  })
  const text = await res.body.text()
  if (res.statusCode !== 201)
    throw new Error(`Failed to arm crash point ${step} (HTTP ${res.statusCode}): ${text}`)
}

async function disarmCrashPoints(platformUrl: string): Promise<void> {
  const res = await request(`${platformUrl}/__admin/crash-points`, {
    method: 'DELETE',
    headersTimeout: 5_000,
  })
  await res.body.dump()
  if (res.statusCode >= 300) throw new Error(`Failed to disarm crash points (HTTP ${res.statusCode})`)
}
