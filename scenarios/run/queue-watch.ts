import { request } from 'undici'
import type { Clock } from '../../lib/clock.js'
import type { QueueRecord, QueueSample } from '../../reports/types.js'

/** What the platform's `GET /__admin/queue` answers. */
interface QueueBoardAnswer {
  outboxPending: number
  brokerPending: number | null
  consumed: number
}

/** Readings kept at most: 10 minutes at 250 ms; a longer run halves its resolution instead. */
export const MAX_QUEUE_SAMPLES = 2_400

export interface QueueWatchOptions {
  /** The platform's base URL (the same across restarts: a restart comes back on its port). */
  platformUrl: () => string
  clock: Clock
  /** ms since the run started, on the same clock as the faults' `fromMs`/`toMs`. */
  elapsed: () => number
  /** How often to read the queue, ms. @default 250 */
  everyMs?: number
  /** Readings kept at most. @default MAX_QUEUE_SAMPLES */
  maxSamples?: number
  /** A reading slower than this is a gap, not a figure: the next one is due. @default 1000 */
  timeoutMs?: number
}

export interface QueueWatch {
  /**
   * Waits, at most `maxMs`, until a reading shows an empty queue (backlog 0, the broker
   * answering). True when it is empty, or when there is no queue to wait for (no reading yet, or
   * a platform without one); false when `maxMs` ran out first.
   */
  untilEmpty(maxMs: number): Promise<boolean>
  /**
   * Reads the queue once more, stops polling, and returns the readings — or undefined when none
   * succeeded (a platform without a queue board answers 404: report.json then has no `queue`).
   */
  stop(): Promise<QueueRecord | undefined>
}

/**
 * Follows the platform's message backlog through a game day by reading its queue board
 * (`GET /__admin/queue`) every 250 ms, through the load and the settle wait (the backlog a
 * broker fault leaves drains after the heal, often while the run settles). Each reading is
 * stamped when it was asked for, so one taken after a heal shows the state after it. A failed or
 * slow read is a gap (the platform may be down: that is the point of some game days); a 404 says
 * this platform has no queue, and the watch stops asking. Never throws into the run.
 *
 * @example const queue = watchQueue({ platformUrl: () => url, clock, elapsed: watch.elapsed }); … const record = await queue.stop()
 */
export function watchQueue(options: QueueWatchOptions): QueueWatch {
  const every = options.everyMs ?? 250
  const samples = boundedSamples(options.maxSamples ?? MAX_QUEUE_SAMPLES)
  let consumed: number | undefined
  let latest: QueueSample | undefined
  let stopped = false
  let absent = false
  let cancel: (() => void) | undefined
  let inFlight: Promise<void> = Promise.resolve()

  const read = async () => {
    if (absent) return
    const atMs = options.elapsed()
    let answer: unknown
    // undici's own timeouts tick once a second; a hung read must end well before the next is due.
    const timeout = new AbortController()
    const cancelTimeout = options.clock.setTimeout(() => timeout.abort(), options.timeoutMs ?? 1_000)
    try {
      const res = await request(`${options.platformUrl()}/__admin/queue`, { signal: timeout.signal })
      if (res.statusCode !== 200) {
        await res.body.dump()
        // An older platform: no queue to follow, now or after a restart.
        if (res.statusCode === 404) absent = true
        return
      }
      answer = await res.body.json()
    } catch {
      return
    } finally {
      cancelTimeout()
    }
    if (!isQueueBoardAnswer(answer)) return
    const brokerPending = answer.brokerPending
    latest = {
      atMs: Math.round(atMs),
      outboxPending: answer.outboxPending,
      brokerPending,
      backlog: answer.outboxPending + (brokerPending ?? 0),
    }
    samples.push(latest)
    consumed = answer.consumed
  }

  const schedule = () => {
    if (stopped || absent) return
    cancel = options.clock.setTimeout(() => {
      inFlight = read()
        .catch(() => {})
        .finally(schedule)
    }, every)
  }
  schedule()

  const empty = () =>
    latest === undefined || absent || (latest.backlog === 0 && latest.brokerPending !== null)

  return {
    async untilEmpty(maxMs) {
      const deadline = options.clock.monotonic() + maxMs
      while (!empty() && !stopped && options.clock.monotonic() < deadline) {
        await new Promise<void>((resolve) => options.clock.setTimeout(resolve, every))
      }
      return empty()
    },
    async stop() {
      stopped = true
      cancel?.()
      await inFlight
      await read().catch(() => {})
      const kept = samples.list()
      return kept.length === 0 ? undefined : { samples: kept, consumed: consumed ?? 0 }
    },
  }
}

/** Counts must be whole numbers, 0 or more: anything else is a body this watch cannot read. */
function isQueueBoardAnswer(value: unknown): value is QueueBoardAnswer {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
  return (
    isCount(v.outboxPending) && isCount(v.consumed) && (v.brokerPending === null || isCount(v.brokerPending))
  )
}

/**
 * Readings bounded at `max`: when full, each pair of neighbours becomes the one with the larger
 * backlog (the earlier on a tie), so a peak survives and an empty reading survives only where its
 * neighbour was empty too — a drain is then found late by at most the coarser spacing, never early.
 * An unknown broker backlog wins a tie, so it is never mistaken for an empty queue.
 */
export function boundedSamples(max: number): { push(sample: QueueSample): void; list(): QueueSample[] } {
  const limit = Math.max(2, max)
  let kept: QueueSample[] = []
  return {
    push(sample) {
      if (kept.length >= limit) kept = halve(kept)
      kept.push(sample)
    },
    list: () => [...kept],
  }
}

function halve(samples: readonly QueueSample[]): QueueSample[] {
  const out: QueueSample[] = []
  for (let i = 0; i < samples.length; i += 2) {
    const a = samples[i]!
    const b = samples[i + 1]
    if (b === undefined) {
      out.push(a)
      continue
    }
    const larger = b.backlog > a.backlog ? b : a
    const unknown = a.brokerPending === null || b.brokerPending === null
    out.push(unknown && larger.brokerPending !== null ? { ...larger, brokerPending: null } : larger)
  }
  return out
}
