import type { JourneyContext } from '../../lib/journey-context.js'
import { money, type CurrencyCode, type Money } from '../money.js'
import { createJsonHttp, type JsonAnswer } from '../vendors/json-http.js'
import { httpError, VendorError } from '../vendors/vendor-errors.js'
import {
  createVendorPolicy,
  policyOptions,
  type VendorClientPolicyOptions,
} from '../vendors/vendor-policy.js'
import { fromWireDecimal, toWireDecimal } from '../vendors/wire-decimal.js'
import { taxDocumentCode, type TaxClient, type TaxRequest } from './tax-client.js'

/** Where tax is computed for: AvaTax's address fields. */
export interface TaxAddress {
  line1: string
  city: string
  region: string
  country: string
  postalCode: string
}

/** Options of {@link createAvataxClient}. */
export interface AvataxClientOptions extends VendorClientPolicyOptions {
  /** Base URL of an AvaTax REST v2 API, e.g. `http://127.0.0.1:12113`. */
  taxUrl: string
  /** HTTP Basic credentials: account id and license key. */
  accountId: string
  licenseKey: string
  /** @default 'DEFAULT' */
  companyCode?: string
  /** Every order's ship-to address. */
  shipTo: TaxAddress
}

interface AvataxErrorBody {
  error?: { code?: unknown; message?: unknown }
}

/**
 * The tax client: AvaTax REST v2 over undici (`POST /api/v2/transactions/create`, `…/void`,
 * `…/refund`, `GET …/transactions/{code}`), HTTP Basic, decimal amounts on the wire and integer
 * minor units inside, wrapped once in the vendor policy (timeout, retries, breaker, bulkhead).
 *
 * @example
 * const tax = createAvataxClient({ taxUrl, accountId: '1100000000', licenseKey: 'key', shipTo, clock, random, timeoutMs: 2000, retries: 2, circuitBreaker: true, bulkhead: { maxConcurrent: 64, maxQueued: 256 } })
 * const { tax: amount } = await tax.quote({ orderId, customerCode: 'c1', currency: 'usd', lines })
 */
export function createAvataxClient(options: AvataxClientOptions): TaxClient {
  const company = options.companyCode ?? 'DEFAULT'
  const http = createJsonHttp({
    vendor: 'tax',
    baseUrl: options.taxUrl,
    headers: {
      authorization: `Basic ${Buffer.from(`${options.accountId}:${options.licenseKey}`).toString('base64')}`,
    },
    clock: options.clock,
    // Without a bulkhead the socket pool must not become one: no cap on sockets then.
    connections: options.bulkhead?.maxConcurrent ?? null,
  })
  const policy = createVendorPolicy({ ...policyOptions(options), vendor: 'tax' })
  const call = (
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    step: string,
    journey: JourneyContext | undefined,
    accept: (answer: JsonAnswer) => boolean = (a) => a.status < 300,
  ) =>
    policy.execute(async (signal, attempt) => {
      const answer = await http.request(method, path, body, {
        signal,
        journey: journey ? { context: journey, step, attempt } : undefined,
      })
      if (!accept(answer)) throw avataxFailure(answer)
      return answer
    })
  const documentPath = (code: string) =>
    `/api/v2/companies/${encodeURIComponent(company)}/transactions/${encodeURIComponent(code)}`
  const model = (request: TaxRequest, type: 'SalesOrder' | 'SalesInvoice') => ({
    type,
    companyCode: company,
    code: taxDocumentCode(request.orderId),
    date: new Date(options.clock.now()).toISOString().slice(0, 10),
    customerCode: request.customerCode,
    currencyCode: request.currency.toUpperCase(),
    commit: type === 'SalesInvoice',
    addresses: { shipTo: options.shipTo },
    lines: request.lines.map((line, i) => ({
      number: String(i + 1),
      quantity: line.quantity,
      amount: toWireDecimal(money(line.amountMinor, request.currency)),
      itemCode: line.sku,
    })),
  })
  return {
    async quote(request) {
      const answer = await call(
        'POST',
        '/api/v2/transactions/create',
        model(request, 'SalesOrder'),
        'tax.quote',
        request.journey,
      )
      return { tax: totalTax(answer.body, request.currency) }
    },
    async commit(request) {
      const code = taxDocumentCode(request.orderId)
      const answer = await call(
        'POST',
        '/api/v2/transactions/create',
        model(request, 'SalesInvoice'),
        'tax.commit',
        request.journey,
        (a) => a.status < 300 || errorCode(a.body) === 'DocumentCodeConflict',
      )
      if (answer.status < 300) return { tax: totalTax(answer.body, request.currency), documentCode: code }
      // A committed (or voided) invoice holds the code: an earlier try whose answer was lost.
      const found = await call('GET', documentPath(code), undefined, 'tax.commit.check', request.journey)
      const status = (found.body as { status?: unknown }).status
      if (status !== 'Committed') {
        throw new VendorError(
          'VENDOR_HTTP_ERROR',
          'tax',
          false,
          `Failed to commit tax for order (${request.orderId}): its document is ${String(status)}`,
          found.status,
          'DocumentCodeConflict',
        )
      }
      return { tax: totalTax(found.body, request.currency), documentCode: code }
    },
    async void(orderId, journey) {
      const answer = await call(
        'POST',
        `${documentPath(taxDocumentCode(orderId))}/void`,
        { code: 'DocVoided' },
        'tax.void',
        journey,
        (a) =>
          a.status < 300 ||
          errorCode(a.body) === 'EntityNotFoundError' ||
          errorCode(a.body) === 'TransactionAlreadyCancelled',
      )
      return errorCode(answer.body) === 'EntityNotFoundError' ? 'not_found' : 'voided'
    },
    async refund(request) {
      await call(
        'POST',
        `${documentPath(taxDocumentCode(request.orderId))}/refund`,
        {
          refundTransactionCode: request.refundCode,
          refundDate: new Date(options.clock.now()).toISOString().slice(0, 10),
          referenceCode: taxDocumentCode(request.orderId),
          ...(request.percentage === undefined
            ? { refundType: 'Full' }
            : { refundType: 'Percentage', refundPercentage: request.percentage }),
        },
        'tax.refund',
        request.journey,
        // The code is taken by a committed return: an earlier try of this refund that went through.
        (a) => a.status < 300 || errorCode(a.body) === 'DocumentCodeConflict',
      )
      return { documentCode: request.refundCode }
    },
    isAvailable: () => policy.isAvailable(),
    close: () => http.close(),
  }
}

function errorCode(body: unknown): string | undefined {
  const code = (body as AvataxErrorBody | null)?.error?.code
  return typeof code === 'string' ? code : undefined
}

function avataxFailure(answer: JsonAnswer): VendorError {
  const message = (answer.body as AvataxErrorBody | null)?.error?.message
  return httpError(
    'tax',
    answer.status,
    errorCode(answer.body),
    typeof message === 'string' ? message.slice(0, 200) : 'no message',
    answer.retryAfterMs,
  )
}

function totalTax(body: unknown, currency: CurrencyCode): Money {
  try {
    return money(fromWireDecimal((body as { totalTax?: unknown }).totalTax, currency), currency)
  } catch (err) {
    throw new VendorError(
      'VENDOR_BAD_RESPONSE',
      'tax',
      true,
      `Failed to read the tax vendor's totalTax: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
}
