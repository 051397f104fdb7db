import type { StreamDirection, ToxicJson, ToxicType } from './toxic-spec.js'

/**
 * A toxic installed on a proxy. Links read its attributes live, so an update applies to open
 * connections; `removed` tells a toxic that is mid-chunk to let its data go.
 */
export class LiveToxic {
  readonly name: string
  readonly type: ToxicType
  readonly stream: StreamDirection
  toxicity: number
  attributes: Record<string, number>
  removed = false
  /** Bumped by every update, so links know to draw toxicity again and restart the toxic. */
  revision = 0

  constructor(json: ToxicJson) {
    this.name = json.name
    this.type = json.type
    this.stream = json.stream
    this.toxicity = json.toxicity
    this.attributes = { ...json.attributes }
  }

  /** Reads a numeric attribute (0 when absent). */
  attr(key: string): number {
    return this.attributes[key] ?? 0
  }

  toJSON(): ToxicJson {
    return {
      name: this.name,
      type: this.type,
      stream: this.stream,
      toxicity: this.toxicity,
      attributes: { ...this.attributes },
    }
  }
}
