// What the runner needs only once its children are forked. undici and hdr-histogram-js take
// ~130 ms to load here; loading them after the fork takes that off the path to the first request,
// since the children's start-up is that path.
export { dropSchema, readList, setStock } from './admin-api.js'
export { createCheckoutJourney } from './checkout-journey.js'
export { FaultController } from './fault-controller.js'
export { driveLoad } from './load-driver.js'
export { settle } from './settle.js'
export { registerWebhookEndpoint } from './webhook-endpoint.js'
