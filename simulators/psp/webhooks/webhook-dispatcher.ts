import { EventEmitter } from 'node:events'
import { Agent } from 'undici'
import type { Clock } from '../../../lib/clock.js'
import type { Random } from '../../../lib/random.js'
import { BoundedMap } from '../../core/bounded-map.js'
import type { VendorIds } from '../../core/vendor-ids.js'
import type { FaultModel } from '../../faults/fault-model.js'
import type { EventRecord } from '../psp-records.js'
import { renderEventJson } from '../events/render-event.js'
import { signWebhook } from './sign-webhook.js'
import type { WebhookDelivery, WebhookEndpointRecord, WebhookRetryPolicy } from './webhook-records.js'

interface Job {
  delivery: WebhookDelivery
  body: string
  /** The endpoint's secret when the event was dispatched (a later roll does not re-sign it). */
  secret: string
}

const maxDeliveriesKept = 100_000

/*
 * The headers of every delivery besides its signature: Stripe's own, plus those Node's `fetch`
 * added when deliveries went through it, so the platform sees the same request as before.
 */
const deliveryHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  accept: '*/*',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'accept-encoding': 'gzip, deflate',
} as const

/** Where a delivery goes, parsed once per endpoint URL. */
interface Target {
  origin: string
  path: string
}

/** Collaborators and settings of the dispatcher. */
export interface WebhookDispatcherOptions {
  /** Mints a fresh `whsec_…` secret for an endpoint registered without one. */
  mintSecret: () => string
  faults: FaultModel
  ids: VendorIds
  /** Stamps deliveries and signatures, and runs the delays and retries. */
  clock: Clock
  /** Jitter of retry backoff (the fault model's own stream decides faults). */
  random: Random
  retry: WebhookRetryPolicy
}

/**
 * The background webhook worker: each event goes to every enabled endpoint that wants it, signed,
 * at least once — non-2xx answers and network errors are retried with exponential backoff — and
 * the fault model may drop, duplicate, delay, reorder or mis-sign deliveries.
 */
export class WebhookDispatcher {
  readonly endpoints = new Map<string, WebhookEndpointRecord>()
  private readonly deliveries = new BoundedMap<string, WebhookDelivery>(maxDeliveriesKept)
  private readonly timers = new Set<() => void>()
  private readonly ready: Job[] = []
  /*
   * One per delivery in flight, emitting 'abort' on its timeout or a reset: undici takes an
   * EventEmitter as a request's signal, which costs far less than an AbortController's signal.
   */
  private readonly aborts = new Set<EventEmitter>()
  /*
   * Deliveries go through one undici Agent (a keep-alive pool per origin) rather than `fetch`:
   * a `fetch` costs a WHATWG Request, Response and body streams (~300 µs of CPU here), which was
   * most of the PSP's cost per checkout. No redirects are followed — as Stripe's own deliveries.
   */
  private readonly agent = new Agent()
  private readonly targets = new Map<string, Target>()
  private inFlight = 0
  private scheduled = 0
  private closed = false

  constructor(private readonly options: WebhookDispatcherOptions) {}

  addEndpoint(input: {
    url: string
    enabledEvents?: string[]
    description?: string | null
    metadata?: Record<string, string>
    /** `api_version` as the create gave it (absent: null). */
    apiVersion?: string | null
    /** Sign this endpoint's deliveries with this secret instead of a fresh one. */
    secret?: string
  }): WebhookEndpointRecord {
    const endpoint: WebhookEndpointRecord = {
      id: this.options.ids.next('we', 16),
      url: input.url,
      enabledEvents: input.enabledEvents ?? ['*'],
      status: 'enabled',
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      created: Math.floor(this.options.clock.now() / 1000),
      apiVersion: input.apiVersion ?? null,
      secret: input.secret ?? this.options.mintSecret(),
    }
    this.endpoints.set(endpoint.id, endpoint)
    return endpoint
  }

  /** Called for every event the PSP records. */
  dispatch(event: EventRecord): void {
    if (this.closed || this.endpoints.size === 0) return
    const targets = [...this.endpoints.values()].filter(
      (e) =>
        e.status === 'enabled' && (e.enabledEvents.includes('*') || e.enabledEvents.includes(event.type)),
    )
    if (targets.length === 0) return
    const body = renderEventJson(event, targets.length)
    for (const endpoint of targets) {
      const plan = this.options.faults.planWebhook(event.type, event.id)
      for (let copy = 1; copy <= plan.copies; copy++) {
        const delivery = this.record(event, endpoint, copy, plan.badSignature)
        if (plan.drop) {
          delivery.status = 'dropped'
          continue
        }
        const jitterMs = plan.reorderWindowMs > 0 ? this.options.faults.random() * plan.reorderWindowMs : 0
        this.schedule({ delivery, body, secret: endpoint.secret }, plan.delayMs + jitterMs)
      }
      if (plan.forgeAs !== undefined) {
        const forged = forgeEvent(event, plan.forgeAs, this.options.ids.next('evt_forged', 14))
        this.schedule(
          {
            delivery: this.record(forged, endpoint, 1, true),
            body: renderEventJson(forged, 1),
            secret: endpoint.secret,
          },
          0,
        )
      }
    }
  }

  list(): { endpoints: WebhookEndpointRecord[]; pending: number; deliveries: WebhookDelivery[] } {
    return {
      endpoints: [...this.endpoints.values()],
      pending: this.pending,
      deliveries: [...this.deliveries.values()],
    }
  }

  /** Deliveries waiting, scheduled for a retry, or in flight. */
  get pending(): number {
    return this.scheduled + this.ready.length + this.inFlight
  }

  /** Forgets deliveries and cancels pending ones; endpoints stay registered. */
  reset(): void {
    this.cancelAll()
    this.deliveries.clear()
  }

  close(): void {
    this.closed = true
    this.cancelAll()
    this.agent.destroy().catch(() => undefined)
  }

  private cancelAll(): void {
    for (const cancel of this.timers) cancel()
    this.timers.clear()
    this.scheduled = 0
    this.ready.length = 0
    for (const abort of this.aborts) abort.emit('abort')
  }

  private record(
    event: EventRecord,
    endpoint: WebhookEndpointRecord,
    copy: number,
    badSignature: boolean,
  ): WebhookDelivery {
    const delivery: WebhookDelivery = {
      id: this.options.ids.next('whd', 8),
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      url: endpoint.url,
      copy,
      status: 'pending',
      attempts: 0,
      badSignature,
      lastStatus: null,
      lastError: null,
      createdAt: new Date(this.options.clock.now()).toISOString(),
      deliveredAt: null,
    }
    this.deliveries.set(delivery.id, delivery)
    return delivery
  }

  private schedule(job: Job, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.push(job)
      this.pump()
      return
    }
    this.scheduled += 1
    const cancel = this.options.clock.setTimeout(() => {
      this.timers.delete(cancel)
      this.scheduled -= 1
      this.ready.push(job)
      this.pump()
    }, delayMs)
    this.timers.add(cancel)
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.options.retry.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()
      if (job) void this.send(job)
    }
  }

  private async send(job: Job): Promise<void> {
    const { delivery, body, secret } = job
    const { retry, clock } = this.options
    this.inFlight += 1
    delivery.attempts += 1
    const key = delivery.badSignature ? `whsec_forged_${secret.slice(-6)}` : secret
    const abort = new EventEmitter()
    this.aborts.add(abort)
    const cancelTimeout = clock.setTimeout(() => abort.emit('abort'), retry.timeoutMs)
    try {
      const target = this.target(delivery.url)
      const res = await this.agent.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        body,
        signal: abort,
        headers: {
          ...deliveryHeaders,
          'stripe-signature': signWebhook(body, key, Math.floor(clock.now() / 1000)),
        },
      })
      // Read to the end so the connection goes back to the pool (an abort destroys the body).
      await res.body.dump({ limit: Number.POSITIVE_INFINITY }).catch(() => undefined)
      delivery.lastStatus = res.statusCode
      delivery.lastError = null
      if (res.statusCode >= 200 && res.statusCode < 300) {
        delivery.status = 'delivered'
        delivery.deliveredAt = new Date(clock.now()).toISOString()
      }
    } catch (error) {
      delivery.lastError = error instanceof Error ? error.message : String(error)
    } finally {
      cancelTimeout()
      this.aborts.delete(abort)
      this.inFlight -= 1
    }
    if (delivery.status === 'pending') {
      if (this.closed) return
      if (delivery.attempts >= retry.maxAttempts) delivery.status = 'failed'
      else {
        const base = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (delivery.attempts - 1))
        this.schedule(job, base * (0.5 + 0.5 * this.options.random.next()))
      }
    }
    this.pump()
  }

  /** The origin and path of an endpoint URL (throws, as `fetch` did, for one that is not http(s)). */
  private target(url: string): Target {
    let target = this.targets.get(url)
    if (target === undefined) {
      const parsed = new URL(url)
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new TypeError(`Unsupported webhook URL scheme: ${parsed.protocol}`)
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` }
      if (this.targets.size >= 1_000) this.targets.clear()
      this.targets.set(url, target)
    }
    return target
  }
}

/**
 * What an attacker would post: the real event's object under a new id and the claimed type (a
 * `payment_intent.succeeded` says `status: 'succeeded'`). It is delivered, never recorded as one
 * of the PSP's events.
 */
function forgeEvent(event: EventRecord, type: string, id: string): EventRecord {
  const status = type.endsWith('.succeeded') ? { status: 'succeeded' } : {}
  return { ...event, id, type, object: () => ({ ...event.object(), ...status }) }
}
