import type { ToxicType } from '../toxic-spec.js'
import { latencyToxic } from './latency.js'
import { noopToxic } from './noop.js'
import type { ToxicRuntime } from './toxic-runtime.js'

/** The behaviour of every toxic type, by type. */
export const toxicRuntimes: Record<ToxicType, ToxicRuntime> = {
  latency: latencyToxic,
  bandwidth: noopToxic,
  slow_close: noopToxic,
  timeout: noopToxic,
  reset_peer: noopToxic,
  slicer: noopToxic,
  limit_data: noopToxic,
  noop: noopToxic,
}
