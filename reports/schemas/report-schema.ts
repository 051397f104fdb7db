/**
 * The report.json contract (schemaVersion 1), as `analyze()` produces it and every renderer
 * reads it. Every figure is a number; times since the run started are ms; ratios are 0–1;
 * latencies are ms. A figure that could not be computed is absent — never 0, never null.
 */
import { Type } from '@sinclair/typebox'

import { count, durationMs, isoTime, offsetMs, ratio } from './figures.js'
import { FindingSchema, IntegritySchema } from './integrity-schema.js'
import {
  journeysSchema,
  operationsSchema,
  ScheduleFiguresSchema,
  TimeseriesPointSchema,
} from './load-schema.js'
import {
  BreakerSpanSchema,
  ComparatorSchema,
  FaultRecordSchema,
  SloMetricSchema,
  SloUnitSchema,
} from './record-schemas.js'

/** Latency percentiles of checkouts in ms (at most 2 decimals); `max` is exact. */
export const LatencySummarySchema = Type.Object(
  {
    p50: durationMs('50th percentile, ms.'),
    p90: durationMs('90th percentile, ms.'),
    p95: durationMs('95th percentile, ms.'),
    p99: durationMs('99th percentile, ms.'),
    max: durationMs('Slowest checkout, ms (exact).'),
  },
  {
    additionalProperties: false,
    description: 'Checkout latency in ms from each request’s intended start (no coordinated omission).',
  },
)

/** Checkout volume over the run or one phase. */
export const LoadSummarySchema = Type.Object(
  {
    checkoutsAttempted: count(
      'Checkout journeys invoked (one per checkout, whatever its tries and keys); dropped arrivals are not among them.',
    ),
    checkoutsSucceeded: count('Attempts whose outcome was `ok`.'),
    checkoutsFailed: count(
      'Every other attempt: definite failures (`fail`, card declines included) and indeterminate (`info`: ' +
        'what the platform left unknown).',
    ),
    dropped: Type.Optional(
      count(
        'Arrivals of any journey kind the driver did not start because too many were in flight (`schedule.dropped`): ' +
          'never checkouts. Absent when the run recorded no schedule.',
      ),
    ),
    targetRate: Type.Number({ minimum: 0, description: 'Target arrival rate, checkouts per second.' }),
    achievedRate: Type.Number({ minimum: 0, description: 'Attempts per second of load time.' }),
  },
  { additionalProperties: false },
)

/** Browsing's own KPIs (catalog reads beside the checkouts) over the run or one phase. */
export const BrowsingSummarySchema = Type.Object(
  {
    attempted: count('Browsing requests scheduled (each one GET of the product list or a product page).'),
    succeeded: count('Requests answered 2xx.'),
    failed: count(
      'Every other request: a non-2xx answer, a timeout (5 s), a network error, or an arrival beyond the ' +
        'driver’s in-flight cap.',
    ),
    availability: Type.Optional(ratio('succeeded / attempted, 0–1. Absent when nothing was attempted.')),
    latency: Type.Optional(
      Type.Object(
        {
          p50: durationMs('50th percentile, ms.'),
          p95: durationMs('95th percentile, ms.'),
          p99: durationMs('99th percentile, ms.'),
          max: durationMs('Slowest request, ms (exact).'),
        },
        {
          additionalProperties: false,
          description:
            'Browsing latency in ms from each request’s intended start, whatever its outcome (no coordinated ' +
            'omission), measured as checkout latency is. Absent when nothing was attempted.',
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Browsing traffic beside the checkouts (the scenario’s `browse`), measured apart: it never counts as ' +
      'a checkout. Present only when the run browsed.',
  },
)

/** One phase as it was played and measured. */
export const PhaseReportSchema = Type.Object(
  {
    name: Type.String(),
    startMs: offsetMs('ms since the run started.'),
    endMs: offsetMs('ms since the run started.'),
    faults: Type.Array(FaultRecordSchema),
    load: LoadSummarySchema,
    latencyMs: Type.Optional(LatencySummarySchema),
    availability: Type.Optional(
      ratio('(ok + card declines) / attempted, 0–1. Absent when nothing was attempted in the phase.'),
    ),
    browsing: Type.Optional(BrowsingSummarySchema),
    operations: Type.Optional(operationsSchema('the phase')),
    journeys: Type.Optional(journeysSchema('the phase')),
    schedule: Type.Optional(ScheduleFiguresSchema),
  },
  { additionalProperties: false },
)

/** One SLO, judged. */
export const SloResultSchema = Type.Object(
  {
    name: Type.String(),
    metric: SloMetricSchema,
    comparator: ComparatorSchema,
    threshold: Type.Number(),
    unit: SloUnitSchema,
    actual: Type.Optional(
      Type.Number({
        description:
          'The measured value; absent when it could not be computed (then `pass` is false and `reason` says why).',
      }),
    ),
    pass: Type.Boolean(),
    phase: Type.Optional(
      Type.String({ description: 'The phase it was judged over; absent = the whole run.' }),
    ),
    reason: Type.Optional(Type.String({ description: 'Why `actual` is absent.' })),
  },
  { additionalProperties: false },
)

/** The reconciliation job's results (not produced yet: absent until the runner records them). */
export const ReconciliationSchema = Type.Object(
  {
    ordersChecked: count('Distinct orders the reconciler compared with the PSP over its passes.'),
    paymentsChecked: count('Distinct PaymentIntents it compared with the orders.'),
    repaired: Type.Array(
      Type.Object(
        {
          kind: Type.String({
            description:
              'capture_recorded, capture_completed, authorization_recorded, authorization_canceled, charge_refunded, ' +
              'order_failed, tax_committed or tax_voided (docs/reconciliation.md).',
          }),
          orderId: Type.Optional(Type.String()),
          paymentIntentId: Type.String({
            description: "The PaymentIntent repaired, or '' for an order with none.",
          }),
          atMs: offsetMs('When it was repaired, ms since the run started (0 for before).'),
          evidence: Type.Record(Type.String(), Type.Unknown(), {
            description: "What the reconciler saw: the intent's status and amounts, what the order said.",
          }),
        },
        { additionalProperties: false },
      ),
    ),
    mismatches: Type.Array(
      Type.Object(
        {
          kind: Type.String(),
          orderId: Type.Optional(Type.String()),
          paymentIntentId: Type.Optional(Type.String()),
          detail: Type.String(),
        },
        { additionalProperties: false },
      ),
      { description: 'What it found and could not repair, still unresolved at the end.' },
    ),
    unrepaired: count('Mismatches left unrepaired.'),
    discrepancyRate: Type.Number({
      minimum: 0,
      description: '(repaired + unrepaired) / max(1, ordersChecked).',
    }),
    passes: count('Passes the reconciler ran, the one before the ground truth was read included.'),
  },
  {
    additionalProperties: false,
    description:
      "The platform's reconciler over the run (GET /__admin/reconciliation after one last pass); absent when " +
      'the reconciler safeguard was off.',
  },
)

/** One healed fault's time to recover (reports/recovery.ts). */
export const RecoveryResultSchema = Type.Object(
  {
    target: Type.String({ description: 'What the fault hit, as in `faultsInjected`.' }),
    kind: Type.String({ description: 'The fault, as in `faultsInjected`.' }),
    phase: Type.Optional(Type.String({ description: 'The phase it was applied in.' })),
    faultEndMs: offsetMs('When the fault was healed, ms since the run started.'),
    recoveredAtMs: Type.Optional(
      offsetMs('Start of the first of three seconds in a row in which every per-second SLO held.'),
    ),
    recoveryMs: Type.Optional(
      durationMs('recoveredAtMs − faultEndMs; absent when the load ended before it recovered.'),
    ),
  },
  { additionalProperties: false },
)

/** One fault on the `broker` link and how long its backlog took to drain (reports/queue-report.ts). */
export const QueueDrainSchema = Type.Object(
  {
    target: Type.String({ description: 'What the fault hit, as in `faultsInjected` (the `broker` link).' }),
    kind: Type.String({ description: 'The fault, as in `faultsInjected`.' }),
    phase: Type.Optional(Type.String({ description: 'The phase it was applied in.' })),
    healedAtMs: offsetMs('When the fault was healed (its `toMs`), ms since the run started.'),
    drainedAtMs: Type.Optional(
      offsetMs(
        'The first reading at or after `healedAtMs` with a backlog of 0 (and the broker answering); absent ' +
          'when the backlog never drained before the run ended, or drained with a later fault’s.',
      ),
    ),
    drainMs: Type.Optional(durationMs('drainedAtMs − healedAtMs; absent when drainedAtMs is.')),
    overtakenAtMs: Type.Optional(
      offsetMs(
        'Present when another fault on the broker link, healed later, began before this backlog drained: ' +
          'the backlog drains with that fault’s, whose entry measures it.',
      ),
    ),
  },
  { additionalProperties: false },
)

/** The platform's message backlog over the run (GET /__admin/queue, read every 250 ms). */
export const QueueReportSchema = Type.Object(
  {
    maxBacklog: count('The largest backlog read: outboxPending + (brokerPending ?? 0).'),
    maxBacklogAtMs: offsetMs('When it was first read, ms since the run started.'),
    backlogAtEnd: count('The backlog at the last reading (after the settle wait).'),
    consumed: count('Events the consumer had processed in total at the last reading.'),
    drains: Type.Array(QueueDrainSchema, {
      description: 'One entry per fault on the `broker` link, in the order they were applied.',
    }),
    samples: Type.Array(
      Type.Object(
        {
          atMs: offsetMs('When the reading was asked for, ms since the run started.'),
          backlog: count('outboxPending + (brokerPending ?? 0).'),
        },
        { additionalProperties: false },
      ),
      {
        description:
          'The readings, oldest first: every 250 ms, at most 2,400 (a longer run keeps the largest of each ' +
          'pair of neighbours, so a peak is never lost and a drain is never reported early).',
      },
    ),
  },
  {
    additionalProperties: false,
    description:
      "The platform's message queue over the run: the outbox relay's backlog and the broker's unacked " +
      'messages, read through the load and the settle wait. Absent when the platform has no queue board ' +
      '(it answered 404) or no reading succeeded.',
  },
)

/** report.json, schemaVersion 1. */
export const ReportSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    scenario: Type.String(),
    seed: Type.Integer({ minimum: 0 }),
    startedAt: isoTime('When the run started.'),
    durationMs: durationMs('How long the run took, ms.'),
    interrupted: Type.Optional(
      Type.Literal(true, {
        description:
          'Present (true) when the run was stopped early (Ctrl-C, SIGTERM, closed output): the figures ' +
          'cover the part that ran, and phases that never started are left out.',
      }),
    ),
    verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
    slosJudged: Type.Optional(
      Type.Literal(false, {
        description:
          'Present (false) when the run was told not to judge its SLOs (`--no-slos`): each SLO is still ' +
          'measured and listed, but the verdict is the integrity checks alone.',
      }),
    ),
    safeguards: Type.Record(Type.String(), Type.Boolean(), { description: 'Each safeguard, on or off.' }),
    load: LoadSummarySchema,
    latencyMs: Type.Optional(LatencySummarySchema),
    latencyMethod: Type.String({ description: 'How latency was measured, in words.' }),
    browsing: Type.Optional(BrowsingSummarySchema),
    operations: Type.Optional(operationsSchema('the run')),
    journeys: Type.Optional(journeysSchema('the run')),
    schedule: Type.Optional(ScheduleFiguresSchema),
    phases: Type.Array(PhaseReportSchema),
    slos: Type.Array(SloResultSchema),
    integrity: IntegritySchema,
    findings: Type.Array(FindingSchema),
    reconciliation: Type.Optional(ReconciliationSchema),
    faultsInjected: Type.Array(FaultRecordSchema),
    recovery: Type.Optional(
      Type.Array(RecoveryResultSchema, {
        description:
          'Time to recover of each healed fault: from its end to the first of three consecutive seconds in which ' +
          'every per-second SLO holds.',
      }),
    ),
    breakers: Type.Optional(
      Type.Array(BreakerSpanSchema, {
        description:
          "Each vendor's circuit-breaker states over the run, oldest first (the platform's breaker board, " +
          'read through the run). Absent when the run did not follow them.',
      }),
    ),
    queue: Type.Optional(QueueReportSchema),
    timeseries: Type.Optional(
      Type.Array(TimeseriesPointSchema, {
        description: 'One point per second of load, oldest first. Absent when the run recorded none.',
      }),
    ),
    historyFile: Type.Optional(
      Type.String({
        description:
          'Where every operation and journey of the run was streamed, one JSON object a line, relative to ' +
          'report.json’s folder (`history.ndjson`). Absent when the run kept no history.',
      }),
    ),
  },
  { additionalProperties: false },
)
