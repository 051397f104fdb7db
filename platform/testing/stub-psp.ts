import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** A charge the stub made. */
export interface StubCharge {
  paymentIntentId: string
  idempotencyKey: string | undefined
  orderId: string | undefined
  amount: number
}

/** How the stub treats the next requests. */
export type StubFault = 'none' | 'drop-response' | 'hang-response' | 'error-500'

/** A running stub. */
export interface StubPsp {
  url: string
  charges: StubCharge[]
  /** Requests received, in order (after idempotency replays too), with the headers tests read. */
  requests: { idempotencyKey: string | undefined; baggage: string | undefined }[]
  /** Applies `fault` to the next `count` PaymentIntent requests. */
  fault(fault: StubFault, count?: number): void
  close(): Promise<void>
}

/**
 * A tiny Stripe-shaped PaymentIntents endpoint for unit tests of the payments path: create +
 * confirm, `pm_card_visa` succeeds, `pm_card_visa_chargeDeclined` is a 402 card_error, Stripe's
 * Idempotency-Key replay, and faults that lose the response after the charge was made.
 */
export async function startStubPsp(): Promise<StubPsp> {
  const charges: StubCharge[] = []
  const requests: StubPsp['requests'] = []
  const saved = new Map<string, { status: number; body: string }>()
  const hung = new Set<http.ServerResponse>()
  let fault: StubFault = 'none'
  let faultCount = 0
  let seq = 0
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/payment_intents') {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }),
        )
        return
      }
      const key = header(req, 'idempotency-key')
      requests.push({ idempotencyKey: key, baggage: header(req, 'baggage') })
      const current = faultCount > 0 ? fault : 'none'
      if (faultCount > 0) faultCount--
      // A 500 before any work: nothing charged. Drop and hang lose the response after the charge.
      if (current === 'error-500') {
        res.writeHead(500, { 'content-type': 'application/json' })
        return void res.end(JSON.stringify({ error: { type: 'api_error', message: 'boom' } }))
      }
      const replay = key ? saved.get(key) : undefined
      const answer = replay ?? charge(new URLSearchParams(raw), key)
      if (key && !replay) saved.set(key, answer)
      if (current === 'drop-response') return void req.socket.destroy()
      if (current === 'hang-response') return void hung.add(res)
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(replay ? { 'idempotent-replayed': 'true' } : {}),
      })
      res.end(answer.body)
    })
  })
  function charge(form: URLSearchParams, key: string | undefined): { status: number; body: string } {
    const id = `pi_stub${++seq}`
    const amount = Number(form.get('amount'))
    const intent = {
      id,
      object: 'payment_intent',
      amount,
      currency: form.get('currency'),
      metadata: {
        order_id: form.get('metadata[order_id]'),
        checkout_key: form.get('metadata[checkout_key]'),
      },
    }
    if (form.get('payment_method') === 'pm_card_visa_chargeDeclined') {
      const error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
        payment_intent: { ...intent, status: 'requires_payment_method' },
      }
      return { status: 402, body: JSON.stringify({ error }) }
    }
    charges.push({
      paymentIntentId: id,
      idempotencyKey: key,
      orderId: intent.metadata.order_id ?? undefined,
      amount,
    })
    return { status: 200, body: JSON.stringify({ ...intent, status: 'succeeded' }) }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    charges,
    requests,
    fault(next, count = 1) {
      fault = next
      faultCount = count
    },
    async close() {
      for (const res of hung) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return typeof v === 'string' ? v : undefined
}
