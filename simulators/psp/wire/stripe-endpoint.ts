import { stripeErrors, stripeErrorTypes } from '../../error-codes.js'
import { holdIntent } from '../intents/intent-view.js'
import { bodyText } from '../../core/body-channel.js'
import { pathOf, type Route } from '../../core/router.js'
import { takeFaultDelay } from '../../faults/fault-delay.js'
import { parseExpand, type Answers } from './expand-paths.js'
import { decodeForm, type FormObject } from './form-body.js'
import { ParamError } from './form-params.js'
import { fingerprintOf } from './idempotency-store.js'
import type { PspContext } from '../psp-context.js'
import type { IntentRecord } from '../psp-records.js'
import { docUrl, type StripeFailure } from './stripe-error.js'
import { stripeErrorResponse, stripeJson, type StripeResponseHeaders } from './stripe-response.js'

/** What an operation returns: a Stripe object, or a failure that is saved under the key or not. */
export type OpResult =
  | {
      ok: true
      body: Record<string, unknown>
      /** The intent `body` renders, so the idempotency layer keeps a view of it rather than the text. */
      replay?: IntentRecord
    }
  | { ok: false; failure: StripeFailure; saved: boolean }

/** What an operation receives. */
export interface OpInput {
  form: FormObject
  params: Record<string, string>
  /** The checked `expand[]` paths, relative to the object (a list's `data.` removed), with their prefixes. */
  expand: ReadonlySet<string>
  requestId: string
  idempotencyKey: string | null
  nowMs: number
}

/** One Stripe endpoint: a route plus the operation behind it. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  /** What it answers with, which decides the `expand[]` paths it accepts. */
  answers: Answers
  run(ctx: PspContext, input: OpInput): OpResult
}

/**
 * Turns an endpoint into a route with Stripe's request pipeline: API-key auth, form decoding,
 * the idempotency layer (for POSTs), the injected processing delay while the key is held, then
 * the operation; its result is saved under the key unless it was a validation failure.
 */
export function toRoute(ctx: PspContext, endpoint: Endpoint): Route {
  return {
    method: endpoint.method,
    path: endpoint.path,
    handle: async (request, params) => {
      const requestId = `req_${ctx.ids.random(14)}`
      const base: StripeResponseHeaders = { requestId, stripeVersion: request.headers.get('stripe-version') }
      if (!authorized(request.headers.get('authorization'), ctx.apiKey)) return unauthorized(base)
      const isPost = endpoint.method === 'POST'
      const text = isPost ? await bodyText(request) : queryOf(request.url)
      const decoded = decodeForm(text)
      if (!decoded.ok) return stripeErrorResponse(badForm(decoded.param, decoded.message), base)
      const key = isPost ? request.headers.get('idempotency-key') : null
      const h: StripeResponseHeaders = { ...base, idempotencyKey: key }
      if (key !== null) {
        if (key.length > 255 || key.length === 0) return stripeErrorResponse(badKey(), h)
        const begin = ctx.idempotency.begin(
          key,
          fingerprintOf(`${endpoint.method} ${pathOf(request.url)}\n${text}`),
          ctx.now(),
        )
        if (begin.kind === 'replay')
          return stripeJson(begin.saved.status, begin.saved.body, { ...h, replayed: true })
        if (begin.kind === 'mismatch') return stripeErrorResponse(mismatch(key), { ...h, shouldRetry: false })
        if (begin.kind === 'in-flight') return stripeErrorResponse(inFlight(), { ...h, shouldRetry: true })
      }
      await takeFaultDelay(request)
      // A bad `expand[]` is a validation failure: a 400 that saves nothing under the key.
      const expand = parseExpand(decoded.value, endpoint.answers)
      const result: OpResult =
        'error' in expand
          ? { ok: false, saved: false, failure: expand }
          : execute(ctx, endpoint, {
              form: decoded.value,
              params,
              expand,
              requestId,
              idempotencyKey: key,
              nowMs: ctx.now(),
            })
      const status = result.ok ? 200 : result.failure.status
      const body = result.ok ? JSON.stringify(result.body) : JSON.stringify({ error: result.failure.error })
      const saved = result.ok || result.saved
      if (key !== null) {
        if (saved) {
          const replay = result.ok ? result.replay : undefined
          if (replay) {
            const holder = ctx.idempotency.completeWithSnapshot(key, status, replay, ctx.renderIntentJson)
            if (holder) holdIntent(replay, holder)
          } else ctx.idempotency.complete(key, { status, body })
        } else ctx.idempotency.release(key)
      }
      return stripeJson(status, body, {
        ...h,
        ...(result.ok ? {} : { shouldRetry: status >= 500 && !saved }),
        operation: isPost && saved,
      })
    },
  }
}

function execute(ctx: PspContext, endpoint: Endpoint, input: OpInput): OpResult {
  try {
    return endpoint.run(ctx, input)
  } catch (error) {
    if (error instanceof ParamError) return { ok: false, failure: error.failure, saved: false }
    return {
      ok: false,
      saved: false,
      failure: {
        status: 500,
        error: { type: stripeErrorTypes.api_error.code, message: 'An unknown error occurred' },
      },
    }
  }
}

function queryOf(url: string): string {
  const q = url.indexOf('?')
  return q < 0 ? '' : url.slice(q + 1)
}

/** Bearer (what stripe-node sends) or Basic with the key as user name (what curl -u sends). */
function authorized(header: string | null, apiKey: string | undefined): boolean {
  if (!header) return false
  let key: string | undefined
  if (header.startsWith('Bearer ')) key = header.slice(7).trim()
  else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0]
  if (!key) return false
  return apiKey !== undefined ? key === apiKey : /^sk_test_[A-Za-z0-9_]{1,240}$/.test(key)
}

function unauthorized(h: StripeResponseHeaders): Response {
  return stripeErrorResponse(
    {
      status: 401,
      error: {
        type: stripeErrorTypes.invalid_request_error.code,
        message:
          'Invalid API Key provided. You did not provide a valid secret key (Authorization: Bearer sk_test_…).',
      },
    },
    { ...h, shouldRetry: false },
  )
}

function badForm(param: string, message: string): StripeFailure {
  return {
    status: 400,
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      code: stripeErrors.parameter_invalid_string.code,
      param,
      message,
      doc_url: docUrl(stripeErrors.parameter_invalid_string.code),
    },
  }
}

function badKey(): StripeFailure {
  return {
    status: 400,
    error: {
      type: stripeErrorTypes.invalid_request_error.code,
      message: 'Keys for idempotent requests can only be 255 characters long and must not be empty.',
    },
  }
}

function mismatch(key: string): StripeFailure {
  return {
    status: 400,
    error: {
      type: stripeErrorTypes.idempotency_error.code,
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      doc_url: docUrl(stripeErrorTypes.idempotency_error.code),
    },
  }
}

function inFlight(): StripeFailure {
  return {
    status: 409,
    error: {
      type: stripeErrorTypes.idempotency_error.code,
      code: stripeErrors.idempotency_key_in_use.code,
      message:
        'There is currently another in-progress request using this Idempotency Key. Please try again later.',
      doc_url: docUrl(stripeErrors.idempotency_key_in_use.code),
    },
  }
}
