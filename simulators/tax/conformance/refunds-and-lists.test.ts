import { DocumentType } from 'avatax/lib/enums/DocumentType.js'
import { RefundType } from 'avatax/lib/enums/RefundType.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, saleModel, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

const create = (over: Record<string, unknown>) =>
  h.client.createTransaction({ model: saleModel(over) as never })
const refund = (model: Record<string, unknown>, transactionCode = 'ord_1') =>
  h.client.refundTransaction({ companyCode: 'GAMEDAY', transactionCode, model: model as never })

interface Page {
  '@recordsetCount': number
  value: Array<{ code: string; lines?: unknown[] }>
  '@nextLink'?: string
}

describe('refunds through the official client', () => {
  beforeEach(async () => {
    await create({ commit: true })
  })

  it.each([
    ['Full', { refundType: RefundType.Full }, -210, -20.7],
    ['Partial', { refundType: RefundType.Partial, refundLines: ['1'] }, -200, -20.7],
    ['TaxOnly', { refundType: RefundType.TaxOnly }, 0, -20.7],
    ['Percentage', { refundType: RefundType.Percentage, refundPercentage: 10 }, -21, -2.07],
  ])(
    'makes a %s refund as a committed ReturnInvoice with the original tax',
    async (_kind, model, amount, tax) => {
      const made = await refund({
        refundTransactionCode: 'ref_1',
        refundDate: new Date('2026-12-02T00:00:00Z'),
        ...model,
      })
      expect(made).toMatchObject({
        code: 'ref_1',
        type: 'ReturnInvoice',
        status: 'Committed',
        date: '2026-12-02',
        referenceCode: 'ord_1',
        totalAmount: amount,
        totalTax: tax,
      })
      const entry = (await h.ledger()).at(-1)
      expect(entry).toMatchObject({
        type: 'refund',
        documentType: 'ReturnInvoice',
        totalTaxMinor: Math.round(tax * 100),
      })
    },
  )

  it('keeps a refund with the sale’s own code apart from the sale, by document type', async () => {
    await refund({ refundTransactionCode: 'ord_1', refundDate: '2026-12-02', refundType: 'Full' })
    expect(
      await h.client.getTransactionByCode({ companyCode: 'GAMEDAY', transactionCode: 'ord_1' }),
    ).toMatchObject({
      type: 'SalesInvoice',
      totalTax: 20.7,
    })
    expect(
      await h.client.getTransactionByCode({
        companyCode: 'GAMEDAY',
        transactionCode: 'ord_1',
        documentType: DocumentType.ReturnInvoice,
      }),
    ).toMatchObject({ type: 'ReturnInvoice', totalTax: -20.7 })
    // The refund's code is now taken for returns.
    expect(
      await rejection(
        refund({ refundTransactionCode: 'ord_1', refundDate: '2026-12-03', refundType: 'Full' }),
      ),
    ).toMatchObject({ code: 'DocumentCodeConflict' })
  })

  it('mints a code for a refund without one', async () => {
    const made = await refund({ refundDate: '2026-12-02' })
    expect(made.code).toMatch(/^[0-9a-f]{8}-/)
    expect(made).toMatchObject({ totalAmount: -210 })
  })

  it('refuses refunds of uncommitted documents, and bad refund models, saving nothing', async () => {
    await create({ code: 'ord_saved' })
    const before = (await h.ledger()).length
    expect(await rejection(refund({ refundDate: '2026-12-02' }, 'ord_saved'))).toMatchObject({
      code: 'InvalidDocumentStatusForRefund',
    })
    expect(await rejection(refund({ refundType: 'Full' }))).toMatchObject({ code: 'ValueRequiredError' })
    expect(
      await rejection(refund({ refundDate: '2026-12-02', refundType: 'Partial', refundLines: ['9'] })),
    ).toMatchObject({
      code: 'ModelStateInvalid',
    })
    expect(
      await rejection(refund({ refundDate: '2026-12-02', refundType: 'Percentage', refundPercentage: 150 })),
    ).toMatchObject({ code: 'RangeError' })
    expect(await rejection(refund({ refundDate: '2026-12-02', refundType: 'Sideways' }))).toMatchObject({
      code: 'ModelStateInvalid',
    })
    expect((await h.ledger()).length).toBe(before)
  })

  it('accepts a ReturnInvoice created directly with negative amounts', async () => {
    const made = await h.client.createTransaction({
      model: saleModel({
        type: 'ReturnInvoice',
        code: 'ret_1',
        lines: [{ number: '1', amount: -100 }],
      }) as never,
    })
    expect(made).toMatchObject({
      type: 'ReturnInvoice',
      status: 'Saved',
      totalAmount: -100,
      totalTax: -10.35,
    })
  })
})

describe('listing transactions through the official client', () => {
  beforeEach(async () => {
    await create({ code: 'a1', date: '2026-11-01', commit: true })
    await create({ code: 'a2', date: '2026-11-15' })
    await create({ code: 'a3', date: '2026-11-20', commit: true })
    await create({ code: 'old', date: '2026-09-01', commit: true })
    await create({ code: 'elsewhere', companyCode: 'OTHER', commit: true })
  })

  const list = async (options: Record<string, unknown> = {}): Promise<Page> =>
    (await h.client.listTransactionsByCompany({ companyCode: 'GAMEDAY', ...options })) as unknown as Page
  const codes = (page: Page) => page.value.map((t) => t.code)

  it('answers the last 30 days of one company without a date filter, headers only', async () => {
    const page = await list()
    expect(page['@recordsetCount']).toBe(3)
    expect(codes(page)).toEqual(['a1', 'a2', 'a3'])
    expect(page.value[0]?.lines).toBeUndefined()
    expect(page['@nextLink']).toBeUndefined()
  })

  it('filters on status and date, and orders', async () => {
    expect(codes(await list({ filter: "status eq 'Committed'" }))).toEqual(['a1', 'a3'])
    expect(codes(await list({ filter: "date ge '2026-09-01' and status eq 'Committed'" }))).toEqual([
      'a1',
      'a3',
      'old',
    ])
    expect(codes(await list({ filter: 'date lt 2026-11-15' }))).toEqual(['a1', 'old'])
    expect(codes(await list({ filter: "code eq 'a2' or code eq 'a3'", orderBy: 'date DESC' }))).toEqual([
      'a3',
      'a2',
    ])
    expect((await list({ filter: "code eq 'a1'", include: 'Lines' })).value[0]?.lines).toHaveLength(2)
  })

  it('pages with $top and $skip, counting every match and linking the next page', async () => {
    const first = await list({ top: 2 })
    expect(first['@recordsetCount']).toBe(3)
    expect(codes(first)).toEqual(['a1', 'a2'])
    expect(first['@nextLink']).toContain('%24skip=2')
    const next = await fetch(`${h.tax.url}${first['@nextLink']}`, {
      headers: {
        authorization: `Basic ${Buffer.from('1100000000:conformance-license-key').toString('base64')}`,
      },
    })
    const second = (await next.json()) as Page
    expect(codes(second)).toEqual(['a3'])
    expect(second['@nextLink']).toBeUndefined()
    expect(codes(await list({ top: 2, skip: 2 }))).toEqual(['a3'])
  })

  it('refuses a $filter it cannot read with ModelStateInvalid', async () => {
    for (const filter of [
      "colour eq 'red'",
      "status is 'Committed'",
      "status eq 'Committed' and",
      '(status eq 1',
    ])
      expect(await rejection(list({ filter }))).toMatchObject({ code: 'ModelStateInvalid' })
  })
})
