import { stripeErrors } from '../../error-codes.js'
import { metadata, rejectUnknown, requiredParam, str, strArray } from '../wire/form-params.js'
import type { PspContext } from '../psp-context.js'
import { invalidParam, resourceMissing } from '../wire/stripe-error.js'
import type { Endpoint, OpInput, OpResult } from '../wire/stripe-endpoint.js'
import type { WebhookEndpointRecord } from './webhook-records.js'

/**
 * Renders a WebhookEndpoint; Stripe shows the `secret` only in the create response, and
 * `api_version` only when the create named one (docs.stripe.com/api/webhook_endpoints/object).
 */
export function renderWebhookEndpoint(e: WebhookEndpointRecord, secret?: string): Record<string, unknown> {
  return {
    id: e.id,
    object: 'webhook_endpoint',
    api_version: e.apiVersion,
    application: null,
    created: e.created,
    description: e.description,
    enabled_events: e.enabledEvents,
    livemode: false,
    metadata: e.metadata,
    ...(secret !== undefined ? { secret } : {}),
    status: e.status,
    url: e.url,
  }
}

function validUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    return false
  }
}

/** A dated API version, with or without its release name: `2024-06-20`, `2026-10-28.endive`. */
const apiVersionPattern = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/

function create(ctx: PspContext, input: OpInput): OpResult {
  rejectUnknown(
    input.form,
    new Set(['url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect']),
  )
  const url = requiredParam(input.form, 'url')
  if (!validUrl(url))
    return {
      ok: false,
      saved: false,
      failure: invalidParam('url', 'Invalid URL: must be http(s)', stripeErrors.url_invalid),
    }
  const enabledEvents = strArray(input.form, 'enabled_events')
  if (!enabledEvents || enabledEvents.length === 0)
    return {
      ok: false,
      saved: false,
      failure: invalidParam(
        'enabled_events',
        'Missing required param: enabled_events.',
        stripeErrors.parameter_missing,
      ),
    }
  const apiVersion = str(input.form, 'api_version', 64)
  if (apiVersion !== undefined && !apiVersionPattern.test(apiVersion))
    return {
      ok: false,
      saved: false,
      failure: invalidParam('api_version', `Invalid API version: ${apiVersion}`),
    }
  const endpoint = ctx.webhooks.addEndpoint({
    url,
    enabledEvents,
    description: str(input.form, 'description') ?? null,
    metadata: metadata(input.form) ?? {},
    apiVersion: apiVersion ?? null,
  })
  return { ok: true, body: renderWebhookEndpoint(endpoint, endpoint.secret) }
}

function find(ctx: PspContext, input: OpInput): WebhookEndpointRecord | OpResult {
  const id = input.params.id ?? ''
  return (
    ctx.webhooks.endpoints.get(id) ?? {
      ok: false,
      saved: false,
      failure: resourceMissing('id', id, 'webhook endpoint'),
    }
  )
}

function update(ctx: PspContext, input: OpInput): OpResult {
  const found = find(ctx, input)
  if ('ok' in found) return found
  rejectUnknown(input.form, new Set(['url', 'enabled_events', 'description', 'metadata', 'disabled']))
  const url = str(input.form, 'url')
  if (url !== undefined && !validUrl(url))
    return { ok: false, saved: false, failure: invalidParam('url', 'Invalid URL', stripeErrors.url_invalid) }
  found.url = url ?? found.url
  found.enabledEvents = strArray(input.form, 'enabled_events') ?? found.enabledEvents
  found.metadata = metadata(input.form, found.metadata) ?? found.metadata
  const disabled = str(input.form, 'disabled')
  if (disabled !== undefined) found.status = disabled === 'true' ? 'disabled' : 'enabled'
  return { ok: true, body: renderWebhookEndpoint(found) }
}

function list(ctx: PspContext): OpResult {
  const data = [...ctx.webhooks.endpoints.values()].reverse().map((e) => renderWebhookEndpoint(e))
  return { ok: true, body: { object: 'list', data, has_more: false, url: '/v1/webhook_endpoints' } }
}

function remove(ctx: PspContext, input: OpInput): OpResult {
  const found = find(ctx, input)
  if ('ok' in found) return found
  ctx.webhooks.endpoints.delete(found.id)
  return { ok: true, body: { id: found.id, object: 'webhook_endpoint', deleted: true } }
}

/** The WebhookEndpoints endpoints. */
export const webhookEndpointEndpoints: Endpoint[] = [
  { method: 'POST', path: '/v1/webhook_endpoints', answers: { object: 'webhook_endpoint' }, run: create },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints',
    answers: { object: 'webhook_endpoint', list: true },
    run: list,
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints/:id',
    answers: { object: 'webhook_endpoint' },
    run: (ctx, input) => {
      const found = find(ctx, input)
      return 'ok' in found ? found : { ok: true, body: renderWebhookEndpoint(found) }
    },
  },
  { method: 'POST', path: '/v1/webhook_endpoints/:id', answers: { object: 'webhook_endpoint' }, run: update },
  {
    method: 'DELETE',
    path: '/v1/webhook_endpoints/:id',
    answers: { object: 'webhook_endpoint' },
    run: remove,
  },
]
