/** A registered webhook endpoint (`POST /v1/webhook_endpoints` or the admin API). */
export interface WebhookEndpointRecord {
  id: string
  url: string
  /** Event types, `*` for all. */
  enabledEvents: string[]
  status: 'enabled' | 'disabled'
  description: string | null
  metadata: Record<string, string>
  created: number
  /** The `api_version` the create named; null renders events in the account's default version. */
  apiVersion: string | null
  /** This endpoint's own `whsec_…` signing secret (Stripe gives every endpoint its own). */
  secret: string
}

/** One delivery of one event (copy) to one endpoint, with its attempts and outcome. */
export interface WebhookDelivery {
  id: string
  eventId: string
  eventType: string
  endpointId: string
  url: string
  /** 1 for the original; above 1 for duplicates the fault model added. */
  copy: number
  status: 'pending' | 'delivered' | 'failed' | 'dropped'
  attempts: number
  badSignature: boolean
  lastStatus: number | null
  lastError: string | null
  /** ISO times from the simulator's clock. */
  createdAt: string
  deliveredAt: string | null
}

/** How failed deliveries are retried. */
export interface WebhookRetryPolicy {
  /** @default 8 */
  maxAttempts: number
  /** First retry delay; each further one doubles, with jitter. @default 500 */
  initialDelayMs: number
  /** @default 30_000 */
  maxDelayMs: number
  /** Per-attempt timeout. @default 10_000 */
  timeoutMs: number
  /** Deliveries in flight at once. @default 16 */
  concurrency: number
}
