import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTax, startTax, type SimulatorServer } from './start-tax.js'
import type { TaxLedgerEntry } from './tax-records.js'

let tax: SimulatorServer
beforeEach(async () => {
  tax = await startTax({ port: 0, seed: 4 })
})
afterEach(async () => {
  await tax.close()
})

interface Tx {
  code: string
  status: string
  totalTax: number
  totalAmount: number
  version: number
  lines: Array<{ tax: number; details: Array<{ jurisName: string; rate: number }> }>
}
interface AvaError {
  error: { code: string; details: Array<{ refersTo?: string; severity: string }> }
}

const basic = `Basic ${Buffer.from('1100000000:test-license-key').toString('base64')}`
const post = async (path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(`${tax.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}
const model = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'SalesInvoice',
  companyCode: 'GAMEDAY',
  date: '2026-11-25',
  customerCode: 'cus_1',
  code: 'ord_1',
  addresses: {
    shipTo: { line1: '1 Main St', city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101' },
  },
  lines: [
    { number: '1', quantity: 2, amount: 100.0, taxCode: 'P0000000' },
    { number: '2', quantity: 1, amount: 10.0, taxCode: 'NT' },
  ],
  ...over,
})
const ledger = async (): Promise<TaxLedgerEntry[]> =>
  ((await (await fetch(`${tax.url}/__admin/ledger`)).json()) as { entries: TaxLedgerEntry[] }).entries

describe('tax simulator (AvaTax REST v2 shape)', () => {
  it('computes a quote from the jurisdiction table without saving it', async () => {
    const res = await post('/api/v2/transactions/create', model({ type: 'SalesOrder' }))
    expect(res.status).toBe(201)
    const tx = res.body as Tx
    expect(tx).toMatchObject({ status: 'Temporary', totalAmount: 110, totalTax: 10.35 })
    expect(tx.lines[0]?.details.map((d) => [d.jurisName, d.rate])).toEqual([
      ['WASHINGTON', 0.065],
      ['SEATTLE', 0.0385],
    ])
    expect(tx.lines[1]?.tax).toBe(0)
    expect(await ledger()).toEqual([])
  })

  it('saves, commits, adjusts and voids an invoice, recording each change in minor units', async () => {
    expect(((await post('/api/v2/transactions/create', model())).body as Tx).status).toBe('Saved')
    const committed = await post('/api/v2/companies/GAMEDAY/transactions/ord_1/commit', { commit: true })
    expect((committed.body as Tx).status).toBe('Committed')
    const adjusted = await post('/api/v2/companies/GAMEDAY/transactions/ord_1/adjust', {
      adjustmentReason: 'PriceAdjusted',
      newTransaction: model({ lines: [{ amount: 50, quantity: 1 }], commit: true }),
    })
    expect(adjusted.body).toMatchObject({ status: 'Committed', totalTax: 5.18, version: 2 })
    const voided = await post('/api/v2/companies/GAMEDAY/transactions/ord_1/void', { code: 'DocVoided' })
    expect((voided.body as Tx).status).toBe('Cancelled')
    // A second void is refused as AvaTax refuses it: the document is cancelled already.
    const again = await post('/api/v2/companies/GAMEDAY/transactions/ord_1/void', { code: 'DocVoided' })
    expect(again.status).toBe(400)
    expect((again.body as AvaError).error.code).toBe('TransactionAlreadyCancelled')
    expect((await ledger()).map((e) => [e.type, e.status, e.totalTaxMinor])).toEqual([
      ['create', 'Saved', 1035],
      ['commit', 'Committed', 1035],
      ['adjust', 'Committed', 518],
      ['void', 'Cancelled', 518],
    ])
    const fetched = (await (
      await fetch(`${tax.url}/api/v2/companies/GAMEDAY/transactions/ord_1`, {
        headers: { authorization: basic },
      })
    ).json()) as Tx
    expect(fetched.status).toBe('Cancelled')
  })

  it('refuses the code of a committed document on create but adjusts it with createoradjust', async () => {
    await post('/api/v2/transactions/create', model({ commit: true }))
    const dup = await post('/api/v2/transactions/create', model())
    expect(dup.status).toBe(400)
    expect((dup.body as AvaError).error.code).toBe('DocumentCodeConflict')
    const again = await post('/api/v2/transactions/createoradjust', {
      createTransactionModel: model({ commit: true }),
    })
    expect(again.body).toMatchObject({ code: 'ord_1', version: 2, status: 'Committed' })
  })

  it('answers invalid models with AvaTax errors naming the field, and unknown codes with 404', async () => {
    const bad = await post('/api/v2/transactions/create', model({ lines: [{ amount: 'lots' }] }))
    expect(bad.status).toBe(400)
    expect((bad.body as AvaError).error.details[0]).toMatchObject({
      refersTo: 'lines[0].amount',
      severity: 'Error',
    })
    expect((await post('/api/v2/transactions/create', model({ addresses: {} }))).status).toBe(400)
    expect((await post('/api/v2/transactions/create', 'nope')).status).toBe(400)
    expect(
      (await post('/api/v2/companies/GAMEDAY/transactions/missing/commit', { commit: true })).status,
    ).toBe(404)
  })

  it('injects AvaTax-shaped errors from the shared fault model', async () => {
    await fetch(`${tax.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/api/v2/transactions/*' },
        schedule: { times: 1 },
        effect: { type: 'error', status: 503 },
      }),
    })
    const failed = await post('/api/v2/transactions/create', model())
    expect(failed.status).toBe(503)
    expect((failed.body as AvaError).error.code).toBe('ServiceUnavailable')
    expect((await post('/api/v2/transactions/create', model())).status).toBe(201)
  })

  it('answers the AvaTax ping', async () => {
    const res = await fetch(`${tax.url}/api/v2/utilities/ping`, { headers: { authorization: 'Basic eDp5' } })
    expect(await res.json()).toMatchObject({ authenticated: true })
    const anonymous = await fetch(`${tax.url}/api/v2/utilities/ping`)
    expect(await anonymous.json()).toMatchObject({ authenticated: false })
  })

  it('refuses every other call without credentials, saving nothing', async () => {
    const res = await fetch(`${tax.url}/api/v2/transactions/create`, {
      method: 'POST',
      body: JSON.stringify(model()),
    })
    expect(res.status).toBe(401)
    expect(((await res.json()) as AvaError).error.code).toBe('AuthenticationIncomplete')
    expect(await ledger()).toEqual([])
  })

  it('answers in-process through createTax, without a socket', async () => {
    const inProcess = createTax({ seed: 4, idSalt: 'bench' })
    const res = await inProcess.handle(
      new Request('http://127.0.0.1/api/v2/transactions/create', {
        method: 'POST',
        headers: { authorization: basic },
        body: JSON.stringify(model()),
      }),
      { remoteAddress: '127.0.0.1', bodyTooLarge: false },
    )
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ code: 'ord_1', status: 'Saved', totalTax: 10.35 })
    expect(inProcess.ctx.state.ledger).toHaveLength(1)
  })
})
