/**
 * The parts of a run record that report.json repeats as they were recorded: SLO specs and
 * the faults applied.
 */
import { Type } from '@sinclair/typebox'

import { count, offsetMs } from './figures.js'

/** How an SLO compares its actual value with its threshold. */
export const ComparatorSchema = Type.Union([Type.Literal('<='), Type.Literal('>=')])

/**
 * `latency.<operation>.pNN`: one HTTP operation's latency (report.json's `operations`), the run's or
 * the phase's. A template literal, so its static type lists every name and its JSON Schema is a pattern.
 */
export const OperationLatencyMetricSchema = Type.TemplateLiteral(
  'latency.${browse|view|cart|item|checkout|status|refund}.${p50|p90|p95|p99|max}',
  {
    description:
      'One HTTP operation’s latency in ms, from the request’s send to its answer (report.json’s `operations`).',
  },
)

/** What an SLO measures; see `SloMetric` in types.ts for what each means. */
export const SloMetricSchema = Type.Union(
  [
    Type.Literal('latency.p50'),
    Type.Literal('latency.p90'),
    Type.Literal('latency.p95'),
    Type.Literal('latency.p99'),
    Type.Literal('latency.max'),
    Type.Literal('availability'),
    Type.Literal('errorRate'),
    Type.Literal('achievedRateRatio'),
    Type.Literal('recovery.ms'),
    Type.Literal('browse.availability'),
    Type.Literal('browse.latency.p99'),
    Type.Literal('queue.drain.ms'),
    OperationLatencyMetricSchema,
  ],
  {
    description:
      'latency.*: checkout latency in ms from each request’s intended start; availability: ' +
      '(ok + card declines) / attempted, 0–1; errorRate: 1 − availability; achievedRateRatio: ' +
      'achieved / target arrival rate, 0–1; recovery.ms: the longest time to recover of the faults ' +
      'healed in the run (or in the phase), ms — a fault that never recovered fails it; ' +
      'browse.availability: browsing requests answered 2xx / attempted, 0–1; browse.latency.p99: ' +
      'browsing latency in ms from each request’s intended start; queue.drain.ms: the longest time the ' +
      'message backlog took to drain after a fault on the `broker` link ended, of the run (or of the phase ' +
      'the fault was applied in), ms — a backlog that never drained, or no fault on the broker link, fails it; ' +
      'latency.<operation>.<p50|p90|p95|p99|max>: one HTTP operation’s latency in ms (browse, view, cart, item, ' +
      'checkout, status, refund), from its send to its answer, over the run or the phase — an operation never ' +
      'sent there fails it.',
  },
)

/** The unit of an SLO's threshold and actual value. */
export const SloUnitSchema = Type.Union([Type.Literal('ms'), Type.Literal('ratio')])

/** A service-level objective of a scenario. */
export const SloSpecSchema = Type.Object({
  name: Type.String(),
  metric: SloMetricSchema,
  comparator: ComparatorSchema,
  threshold: Type.Number(),
  unit: SloUnitSchema,
  phase: Type.Optional(
    Type.String({ description: 'Name of the phase it is judged over; absent = the whole run.' }),
  ),
})

/** One state a vendor's circuit breaker was in, as the platform's breaker board recorded it. */
export const BreakerSpanSchema = Type.Object(
  {
    vendor: Type.String({
      description: 'The vendor whose client the breaker guards: `psp`, `tax` or `fraud`.',
    }),
    state: Type.String({
      description: '`closed`, `open`, `half_open`, or `disabled` (circuit-breaker off).',
    }),
    fromMs: offsetMs('When the breaker entered the state, ms since the run started (0 for before).'),
    toMs: Type.Optional(offsetMs('When it left the state; absent when it still held at the end.')),
  },
  { additionalProperties: false, description: "One state of a vendor's circuit breaker." },
)

/** A fault applied during the run (network toxic, simulator fault rule, process fault). */
export const FaultRecordSchema = Type.Object(
  {
    target: Type.String({
      description:
        'What it hit: a proxy name (`platform`, `psp`, `tax`, `fraud`, `db`, `broker`), a simulator (`psp-app`, `tax-app`, `fraud-app`), `platform-process`.',
    }),
    kind: Type.String(),
    params: Type.Record(Type.String(), Type.Unknown()),
    fromMs: offsetMs('When it was applied, ms since the run started.'),
    toMs: offsetMs('When it was healed, ms since the run started.'),
  },
  { additionalProperties: false, description: 'A fault applied during the run.' },
)

/**
 * One reading of the platform's queue board (`GET /__admin/queue`), as the runner records it.
 * `brokerPending` is null when the platform could not ask the broker at that moment.
 */
export const QueueSampleSchema = Type.Object(
  {
    atMs: offsetMs('When the reading was asked for, ms since the run started.'),
    outboxPending: count('Events written to the outbox and not yet published to the broker.'),
    brokerPending: Type.Union([count('Published and not yet acked by the consumer.'), Type.Null()], {
      description: 'Published and not yet acked by the consumer; null when the broker could not be asked.',
    }),
    backlog: count('outboxPending + (brokerPending ?? 0).'),
  },
  { additionalProperties: false, description: "One reading of the platform's message queue." },
)
