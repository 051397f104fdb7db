import type { Scenario } from '../format/scenario.js'
import baseline from './baseline.js'
import queueBacklog from './queue-backlog.js'
import sagaCrash from './saga-crash.js'
import refundRush from './refund-rush.js'
import pspLatencySpike from './psp-latency-spike.js'
import clientRetry from './client-retry.js'
import dbFailover from './db-failover.js'
import dbLatency from './db-latency.js'
import duplicateWebhooks from './duplicate-webhooks.js'
import flashSale from './flash-sale.js'
import platformCrash from './platform-crash.js'
import crashLostWebhook from './crash-lost-webhook.js'
import forgedWebhook from './forged-webhook.js'
import platformPause from './platform-pause.js'
import platformRestart from './platform-restart.js'
import pspLostResponse from './psp-lost-response.js'
import taxOutage from './tax-outage.js'
import pspOutage from './psp-outage.js'
import fraudSlow from './fraud-slow.js'
import fraudTimeout from './fraud-timeout.js'
import pspHang from './psp-hang.js'
import pspBrownout from './psp-brownout.js'

/** The built-in scenarios, by name, in the order `gameday list` shows them. */
export const builtInScenarios: ReadonlyMap<string, Scenario> = new Map(
  [
    baseline,
    pspLatencySpike,
    pspLostResponse,
    clientRetry,
    platformRestart,
    platformCrash,
    crashLostWebhook,
    forgedWebhook,
    platformPause,
    flashSale,
    duplicateWebhooks,
    pspOutage,
    taxOutage,
    fraudTimeout,
    fraudSlow,
    dbFailover,
    queueBacklog,
    sagaCrash,
    refundRush,
    pspHang,
    pspBrownout,
    dbLatency,
  ].map((s) => [s.name, s]),
)
