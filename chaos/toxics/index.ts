import type { ToxicType } from '../toxic-spec.js'
import { bandwidthToxic } from './bandwidth.js'
import { latencyToxic } from './latency.js'
import { limitDataToxic } from './limit-data.js'
import { noopToxic } from './noop.js'
import { resetPeerToxic } from './reset-peer.js'
import { slicerToxic } from './slicer.js'
import { slowCloseToxic } from './slow-close.js'
import { timeoutToxic } from './timeout.js'
import type { ToxicRuntime } from './toxic-runtime.js'

/** The behaviour of every toxic type, by type. */
export const toxicRuntimes: Record<ToxicType, ToxicRuntime> = {
  latency: latencyToxic,
  bandwidth: bandwidthToxic,
  slow_close: slowCloseToxic,
  timeout: timeoutToxic,
  reset_peer: resetPeerToxic,
  slicer: slicerToxic,
  limit_data: limitDataToxic,
  noop: noopToxic,
}
