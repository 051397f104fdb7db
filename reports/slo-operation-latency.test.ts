import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { aLoad, aRunRecord, anOperation } from './testing/run-record-factory.js'
import type { SloSpec } from './types.js'

const viewP99: SloSpec = {
  name: 'view p99',
  metric: 'latency.view.p99',
  comparator: '<=',
  threshold: 30,
  unit: 'ms',
}

describe('SLOs on one operation’s latency (latency.<operation>.pNN)', () => {
  it('judges the run’s figure, apart from the checkout journey’s latency.pNN', () => {
    const record = { ...aRunRecord(), load: aLoad() }
    record.slos = [
      viewP99,
      { ...viewP99, name: 'checkout op max', metric: 'latency.checkout.max', threshold: 200 },
      { ...viewP99, name: 'journey p99', metric: 'latency.p99', threshold: 100 },
    ]
    const [view, checkoutOp, journey] = analyze(record).slos
    expect(view).toMatchObject({ metric: 'latency.view.p99', actual: 24, pass: true })
    expect(checkoutOp).toMatchObject({ actual: 250, pass: false })
    expect(journey).toMatchObject({ actual: 50, pass: true })
  })

  it('judges a phase’s figure over that phase only', () => {
    const load = aLoad()
    load.phases[0]!.operations = { ...load.phases[0]!.operations, view: anOperation(30, 10) }
    const record = { ...aRunRecord(), load }
    record.slos = [
      { ...viewP99, phase: 'steady' },
      { ...viewP99, name: 'quiet', phase: 'quiesce' },
    ]
    const [steady, quiesce] = analyze(record).slos
    expect(steady).toMatchObject({ phase: 'steady', actual: 40, pass: false })
    expect(quiesce).toMatchObject({ pass: false, reason: 'no view requests were sent in phase "quiesce"' })
    expect(quiesce).not.toHaveProperty('actual')
  })

  it('is not measurable, and fails, when the operation was never sent or the run kept no figures', () => {
    const refund: SloSpec = { ...viewP99, name: 'refund p50', metric: 'latency.refund.p50' }
    const [neverSent] = analyze({ ...aRunRecord(), slos: [refund], load: aLoad() }).slos
    expect(neverSent).toMatchObject({ pass: false, reason: 'no refund requests were sent in the run' })
    const [noFigures] = analyze({ ...aRunRecord(), slos: [viewP99] }).slos
    expect(noFigures).toMatchObject({ pass: false })
    expect(noFigures?.reason).toContain('no per-operation figures')
  })
})
