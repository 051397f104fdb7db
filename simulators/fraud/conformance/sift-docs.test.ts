import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../lib/clock.js'
import type { FraudLedgerEntry } from '../fraud-state.js'
import { startFraud, type FraudOptions } from '../start-fraud.js'
import { shapeProblems } from './same-shape.js'

/** A request as a fixture writes it; `{runId}` in the path is the run the `before` events started. */
interface FixtureRequest {
  method: string
  path: string
  query: string
  body?: unknown
  basicAuth?: string
}

/** One documented example: where it comes from, the request, the documented response. */
interface Fixture {
  source: string
  simulator?: Pick<FraudOptions, 'apiKey'>
  before?: FixtureRequest[]
  request: FixtureRequest
  response: { httpStatus: number; body: unknown }
  maps?: string[]
  lenient?: Array<{ path: string; why: string }>
  /** Values the simulator's deterministic model gives for this request (a partial match). */
  ours?: unknown
  /** The ledger entry the request writes. */
  ledger?: { orderId: string; amountMinor: number; currency: string; decisionId: string }
  /** A documented request the simulator refuses on purpose, and why. */
  expectStatus?: { status: number; httpStatus: number; why: string }
}

const dir = new URL('./fixtures/', import.meta.url)
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Fixture] as const)

async function send(url: string, request: FixtureRequest, runId: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (request.basicAuth !== undefined) headers.authorization = `Basic ${btoa(`${request.basicAuth}:`)}`
  const path = request.path.replace('{runId}', runId)
  return fetch(`${url}${path}${request.query ? `?${request.query}` : ''}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  })
}

describe('the fraud simulator answers the examples of Sift’s documentation', () => {
  it('has fixtures, each naming its source', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10)
    for (const [name, fixture] of fixtures) expect(fixture.source, name).toMatch(/Sift|sift-/)
  })

  for (const [name, fixture] of fixtures) {
    it(`${name}: accepts the documented request and answers the documented shape`, async () => {
      const fraud = await startFraud({
        seed: 5,
        clock: manualClock(Date.UTC(2026, 0, 1)),
        ...fixture.simulator,
      })
      try {
        let runId = ''
        for (const before of fixture.before ?? []) {
          const res = await send(fraud.url, before, runId)
          const body = (await res.json()) as {
            status: number
            score_response?: { workflow_statuses?: Array<{ id: string }> }
          }
          expect(body.status, `before: ${before.path}`).toBe(0)
          runId = body.score_response?.workflow_statuses?.[0]?.id ?? runId
        }
        const res = await send(fraud.url, fixture.request, runId)
        const body = (await res.json()) as Record<string, unknown>
        if (fixture.expectStatus) {
          expect(res.status).toBe(fixture.expectStatus.httpStatus)
          expect(body.status).toBe(fixture.expectStatus.status)
          return
        }
        expect(res.status).toBe(fixture.response.httpStatus)
        const documented = fixture.response.body as Record<string, unknown>
        if ('status' in documented) expect(body.status).toBe(documented.status)
        if ('request' in documented && fixture.request.body !== undefined)
          expect(JSON.parse(body.request as string)).toEqual(fixture.request.body)
        const options = { maps: fixture.maps ?? [], lenient: (fixture.lenient ?? []).map((l) => l.path) }
        expect(shapeProblems(documented, body, options)).toEqual([])
        if (fixture.ours !== undefined) expect(body).toMatchObject(fixture.ours as Record<string, unknown>)
        if (fixture.ledger) {
          const ledger = (await (
            await fetch(`${fraud.url}/__admin/ledger?order_id=${fixture.ledger.orderId}`)
          ).json()) as {
            entries: FraudLedgerEntry[]
          }
          expect(ledger.entries).toMatchObject([
            {
              amountMinor: fixture.ledger.amountMinor,
              currency: fixture.ledger.currency,
              decision: { id: fixture.ledger.decisionId },
            },
          ])
        }
      } finally {
        await fraud.close()
      }
    })
  }
})
