// What the stack needs only once its children are forked. undici, hdr-histogram-js and the
// Toxiproxy client take ~130 ms to load here; loading them after the fork takes that off the path
// to the first request, since the children's start-up is that path.
export { NetworkFaults } from '../../chaos/client.js'
export { FaultController } from '../faults/fault-controller.js'
export { groundTruthReader } from '../ground-truth/ground-truth.js'
export { referencePlatform } from '../target/reference-platform.js'
export { dropSchema } from './drop-schema.js'
export { sweepStaleRuns } from './sweep-stale-runs.js'
export { registerWebhookEndpoint } from './webhook-endpoint.js'
export { checkNatsStream, deleteNatsStream } from './nats-stream.js'
