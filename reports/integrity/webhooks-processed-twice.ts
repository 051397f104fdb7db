import type { Finding } from '../report.js'
import type { ReceivedWebhook } from '../types.js'
import type { CheckResult } from './check-result.js'

/** Webhook events the platform processed more than once; the count is the extra processings. */
export function findWebhooksProcessedTwice(webhooks: readonly ReceivedWebhook[]): CheckResult {
  const findings: Finding[] = []
  let count = 0
  for (const webhook of webhooks) {
    if (webhook.processedCount <= 1) continue
    count += webhook.processedCount - 1
    findings.push({
      check: 'webhooksProcessedTwice',
      ...(webhook.orderId ? { orderId: webhook.orderId } : {}),
      detail: `${webhook.type} ${webhook.id} was processed ${webhook.processedCount} times`,
      timeline: [],
    })
  }
  return { count, findings }
}
