import { shimState, type ShimSample } from './state.js'

/** `k6/metrics`: every `add` is a sample, tagged with the scenario's tags as k6 tags it. */
abstract class Metric {
  constructor(
    readonly name: string,
    private readonly type: ShimSample['type'],
  ) {}

  add(value: number | boolean, tags: Record<string, string> = {}): void {
    const state = shimState()
    state.samples.push({
      metric: this.name,
      type: this.type,
      value: Number(value),
      tags: { scenario: state.scenario.name, ...state.scenario.tags, ...tags },
    })
  }
}

export class Trend extends Metric {
  constructor(name: string, _isTime = false) {
    super(name, 'trend')
  }
}

export class Rate extends Metric {
  constructor(name: string) {
    super(name, 'rate')
  }
}

export default { Trend, Rate }
