/**
 * report.json's load-driver figures: per HTTP operation, per journey kind, how well the schedule
 * was kept, and one point per second. They come from the driver's histograms and counters
 * (`RunRecord.load`) and are present only when the run recorded them.
 */
import { Type } from '@sinclair/typebox'

import { count, durationMs, offsetMs } from './figures.js'

/** The HTTP operations a journey is made of, the keys of `operations` (and of `latency.<operation>.pNN`). */
export const OPERATIONS = ['browse', 'view', 'cart', 'item', 'checkout', 'status', 'refund'] as const

/** The journey kinds, the keys of `journeys`. */
export const JOURNEY_KINDS = ['browse', 'view', 'cart', 'checkout', 'status', 'refund'] as const

/** Latency percentiles from an HDR histogram (3 significant digits), ms; `max` is exact. */
function latencyFigures(description: string) {
  return Type.Object(
    {
      p50: durationMs('50th percentile, ms.'),
      p90: durationMs('90th percentile, ms.'),
      p95: durationMs('95th percentile, ms.'),
      p99: durationMs('99th percentile, ms.'),
      max: durationMs('Slowest, ms (exact).'),
    },
    { additionalProperties: false, description },
  )
}

/** One HTTP operation's figures over the run or a phase. */
export const OperationFiguresSchema = Type.Object(
  {
    attempted: count('Requests sent: each try of a request counts once.'),
    ok: count('Answered 2xx, or 402 for a card decline (the system answered).'),
    fail: count('Answered another 4xx: a definite refusal.'),
    indeterminate: count('No answer, a timeout or a 5xx: it may or may not have happened.'),
    latencyMs: Type.Optional(
      latencyFigures(
        'From the request’s send to its answer (or its giving up), whatever the outcome; HDR histogram, ' +
          '3 significant digits. Absent when none was sent.',
      ),
    ),
  },
  { additionalProperties: false, description: 'One HTTP operation’s counts and latency.' },
)

/** Journeys of one kind over the run or a phase. */
export const JourneyFiguresSchema = Type.Object(
  {
    arrivals: count('Journeys of this kind started.'),
    ok: count('Journeys that ended well (for a checkout: an acknowledged order, or a card decline).'),
    fail: count('Journeys refused for good.'),
    indeterminate: count('Journeys whose end the client could not know (timeout, reset, 5xx).'),
    latencyMs: Type.Optional(
      latencyFigures(
        'From each journey’s intended start in the open-model schedule to its end: no coordinated omission. ' +
          'Absent when none ended.',
      ),
    ),
  },
  { additionalProperties: false, description: 'Journeys of one kind.' },
)

/** How well the driver kept the open-model schedule. */
export const ScheduleFiguresSchema = Type.Object(
  {
    scheduled: count('Arrivals the load shape asked for.'),
    started: count('Arrivals started.'),
    dropped: count(
      'Arrivals not started because too many journeys were in flight (dropped iterations): they are not ' +
        'checkouts, and never count as indeterminate.',
    ),
    lagMs: Type.Optional(
      Type.Object(
        {
          p50: durationMs('50th percentile, ms.'),
          p99: durationMs('99th percentile, ms.'),
          max: durationMs('Largest, ms (exact).'),
        },
        {
          additionalProperties: false,
          description:
            'Send lag (actual start − intended start) of the arrivals started. Absent when none started.',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'How well the driver kept the schedule.' },
)

/** `operations` of the run or a phase. */
export function operationsSchema(scope: string) {
  return Type.Record(Type.String(), OperationFiguresSchema, {
    description:
      `Per HTTP operation over ${scope}, keyed by operation: ${OPERATIONS.map((o) => `\`${o}\``).join(', ')}. ` +
      'An operation never sent is absent.',
  })
}

/** `journeys` of the run or a phase. */
export function journeysSchema(scope: string) {
  return Type.Record(Type.String(), JourneyFiguresSchema, {
    description:
      `Per journey kind over ${scope}, keyed by kind: ${JOURNEY_KINDS.map((k) => `\`${k}\``).join(', ')}. ` +
      'A kind never started is absent.',
  })
}

/** One second of the run. */
export const TimeseriesPointSchema = Type.Object(
  {
    atMs: offsetMs('The second’s end, ms since the run started.'),
    arrivals: count('Journeys started in the second (all kinds).'),
    completions: count('Journeys ended in the second (all kinds).'),
    latencyMs: Type.Optional(
      Type.Object(
        {
          p50: durationMs('50th percentile, ms.'),
          p95: durationMs('95th percentile, ms.'),
          p99: durationMs('99th percentile, ms.'),
        },
        {
          additionalProperties: false,
          description: 'Latency of the checkout journeys that ended in the second; absent when none did.',
        },
      ),
    ),
    errors: Type.Record(Type.String(), count('Operations of this kind of error in the second.'), {
      description:
        'Operations that failed or were indeterminate in the second, by kind (`HTTP 503`, `timeout`, ' +
        '`CARD_DECLINED`, `dropped`).',
    }),
  },
  { additionalProperties: false, description: 'One second of load.' },
)
