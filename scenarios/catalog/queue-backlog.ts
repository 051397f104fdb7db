import { defineScenario } from '../format/scenario.js'

/**
 * The platform's broker link slows (300 ms each way) and is then cut for 4 s, while checkouts go
 * on. The outbox relay cannot publish OrderPaid events meanwhile: the backlog builds in the outbox
 * (the events are durable there, written with each payment), checkouts do not notice, and once the
 * link is back the relay publishes the backlog and the consumer drains it. report.json's `queue`
 * block has the largest backlog and the drain time after each fault on the `broker` link; no event
 * may be lost and none processed twice.
 *
 * The broker is the embedded one by default, NATS JetStream when `NATS_URL` is set.
 */
export default defineScenario({
  name: 'queue-backlog',
  description: 'Broker link slowed then cut 4 s: the OrderPaid backlog builds, then drains; no event lost',
  teaches:
    'The broker link slows, then is cut for 4 s: the outbox relay cannot publish, so OrderPaid events ' +
    'pile up in the outbox while checkouts carry on unaware. `outbox` keeps each event durably with ' +
    'its payment and relays it once the link is back, and the consumer drains the backlog. A pass: ' +
    'availability ≥ 99%, the backlog drained within 5 s of the cut (`queue.drain.ms`), and no event ' +
    'lost (`integrity.lostEvents`).',
  rate: 10,
  exercises: ['outbox', 'webhook-dedupe'],
  settleMs: 15_000,
  phases: [
    { name: 'before', durationMs: 2_000 },
    {
      name: 'slow',
      durationMs: 3_000,
      faults: [
        {
          kind: 'toxic',
          target: 'broker',
          toxic: { type: 'latency', stream: 'downstream', attributes: { latency: 300, jitter: 0 } },
        },
      ],
    },
    { name: 'cut', durationMs: 4_000, faults: [{ kind: 'link', target: 'broker', action: 'down' }] },
    { name: 'after', durationMs: 4_000 },
  ],
  slos: [
    {
      name: 'checkouts do not notice the broker',
      metric: 'availability',
      comparator: '>=',
      threshold: 0.99,
      unit: 'ratio',
    },
    {
      name: 'backlog drained within 5 s of the cut',
      metric: 'queue.drain.ms',
      comparator: '<=',
      threshold: 5_000,
      unit: 'ms',
    },
  ],
})
