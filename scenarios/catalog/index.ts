import type { Scenario } from '../format/scenario.js'
import baseline from './baseline.js'
import browseHeavy from './browse-heavy.js'
import clientRetry from './client-retry.js'
import crashLostWebhook from './crash-lost-webhook.js'
import dbFailover from './db-failover.js'
import dbLatency from './db-latency.js'
import duplicateWebhooks from './duplicate-webhooks.js'
import flashSale from './flash-sale.js'
import forgedWebhook from './forged-webhook.js'
import fraudSlow from './fraud-slow.js'
import fraudTimeout from './fraud-timeout.js'
import peakSale from './peak-sale.js'
import platformCrash from './platform-crash.js'
import platformPause from './platform-pause.js'
import platformRestart from './platform-restart.js'
import pspBrownout from './psp-brownout.js'
import pspHang from './psp-hang.js'
import pspLatencySpike from './psp-latency-spike.js'
import pspLostResponse from './psp-lost-response.js'
import pspOutage from './psp-outage.js'
import queueBacklog from './queue-backlog.js'
import refundRush from './refund-rush.js'
import retryStorm from './retry-storm.js'
import sagaCrash from './saga-crash.js'
import slowNetwork from './slow-network.js'
import taxOutage from './tax-outage.js'
import webhookDelay from './webhook-delay.js'

/**
 * The built-in scenarios, by name, in the order `gameday list` shows them: the yardstick, then
 * grouped by what goes wrong — load alone, the network, the PSP, its webhooks, the other vendors,
 * the platform's own process, and the data it keeps.
 */
export const builtInScenarios: ReadonlyMap<string, Scenario> = new Map(
  [
    baseline,
    // Load alone: no fault, the shape of the traffic is the test.
    peakSale,
    browseHeavy,
    // The network between shoppers, platform and PSP.
    pspLatencySpike,
    slowNetwork,
    clientRetry,
    retryStorm,
    // The PSP misbehaving.
    pspLostResponse,
    pspBrownout,
    pspHang,
    pspOutage,
    // The PSP's webhooks.
    duplicateWebhooks,
    forgedWebhook,
    webhookDelay,
    // The other vendors.
    taxOutage,
    fraudTimeout,
    fraudSlow,
    // The platform's own process.
    platformPause,
    platformRestart,
    platformCrash,
    crashLostWebhook,
    sagaCrash,
    // Stock, money, the database and the queue.
    flashSale,
    refundRush,
    dbLatency,
    dbFailover,
    queueBacklog,
  ].map((s) => [s.name, s]),
)
