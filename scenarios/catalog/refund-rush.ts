import { defineScenario } from '../format/scenario.js'

/**
 * Every second shopper, once paid, asks for three partial refunds at once, each of 40% of the
 * order: together 120% of what was captured, so the platform must refuse one of each three
 * (`REFUND_EXCEEDS_CAPTURED`) however they interleave. In the middle phase the PSP performs a
 * quarter of the refunds and drops the connection before answering; the platform retries. With
 * `psp-idempotency` on, the refund's Idempotency-Key makes the PSP replay it; with it off, the
 * retry refunds again — the PSP has paid back more than the platform recorded, and money is not
 * conserved. Checked from the PSP's ledger: refunds never above captures, money conserved.
 */
export default defineScenario({
  name: 'refund-rush',
  description:
    'Three racing 40% refunds per second order, PSP dropping a quarter of refund answers; exact with psp-idempotency, refunds twice without',
  teaches:
    'Partial refunds race: every second paid shopper asks for three 40% refunds at once, so one of ' +
    'each three must be refused (`REFUND_EXCEEDS_CAPTURED`), while the PSP drops a quarter of the ' +
    "refund answers mid-run. `psp-idempotency` makes the platform's retried refund replay instead of " +
    'refunding again. A pass is the integrity checks alone: no refund beyond its capture and money ' +
    'conserved (captured − refunded equals what paid orders keep); with it off the PSP pays back more ' +
    'than the platform recorded.',
  rate: 8,
  shopper: { refund: { every: 2, parts: 3, percent: 40 } },
  exercises: ['psp-idempotency'],
  phases: [
    { name: 'calm', durationMs: 2_000 },
    {
      name: 'lossy',
      durationMs: 6_000,
      faults: [
        {
          kind: 'vendor',
          target: 'psp',
          rule: {
            name: 'refund then drop the response',
            match: { method: 'POST', path: '/v1/refunds', fraction: 0.25 },
            effect: { type: 'ambiguous-success', then: 'drop' },
          },
        },
      ],
    },
    { name: 'after', durationMs: 2_000 },
  ],
  slos: [],
})
