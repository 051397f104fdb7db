import { AdjustmentReason } from 'avatax/lib/enums/AdjustmentReason.js'
import { DocumentType } from 'avatax/lib/enums/DocumentType.js'
import { VoidReasonCode } from 'avatax/lib/enums/VoidReasonCode.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, saleModel, startHarness, today, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

// The client's models type every field; the tests post plain AvaTax JSON as a caller would.
const create = (model: Record<string, unknown>, include?: string) =>
  h.client.createTransaction({ model: model as never, ...(include ? { include } : {}) })
const at = { companyCode: 'GAMEDAY', transactionCode: 'ord_1' }

describe('the official avatax client against the tax simulator', () => {
  it('pings without credentials (not authenticated) and with them (authenticated)', async () => {
    expect(await h.clientWith().ping()).toMatchObject({ authenticated: false, authenticationType: 'None' })
    expect(await h.client.ping()).toMatchObject({
      authenticated: true,
      authenticationType: 'AccountIdLicenseKey',
      authenticatedAccountId: 1100000000,
    })
    expect(await h.clientWith({ username: 'ops@example.com', password: 'pw' }).ping()).toMatchObject({
      authenticated: true,
      authenticationType: 'UsernamePassword',
      authenticatedUserName: 'ops@example.com',
    })
  })

  it('quotes a SalesOrder without saving it', async () => {
    const quote = await create(saleModel({ type: 'SalesOrder', code: undefined }))
    expect(quote).toMatchObject({
      id: 0,
      status: 'Temporary',
      type: 'SalesOrder',
      totalAmount: 210,
      totalTax: 20.7,
    })
    expect(quote.code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(quote.lines?.[0]?.details?.map((d) => [d.jurisName, d.rate, d.tax])).toEqual([
      ['WASHINGTON', 0.065, 13],
      ['SEATTLE', 0.0385, 7.7],
    ])
    expect(await h.ledger()).toEqual([])
    expect(await h.transactions()).toEqual([])
  })

  it('takes the client’s numeric enums and a Date as AvaTax does', async () => {
    const invoice = await create(
      saleModel({ type: DocumentType.SalesInvoice, date: new Date(`${today}T00:00:00Z`) }),
    )
    expect(invoice).toMatchObject({ type: 'SalesInvoice', status: 'Saved', date: today })
  })

  it('saves a SalesInvoice, commits it, and records each change in minor units', async () => {
    expect(await create(saleModel())).toMatchObject({ status: 'Saved', version: 1 })
    const committed = await h.client.commitTransaction({ ...at, model: { commit: true } })
    expect(committed).toMatchObject({ status: 'Committed', totalTax: 20.7 })
    expect(await create(saleModel({ code: 'ord_2', commit: true }))).toMatchObject({ status: 'Committed' })
    expect(
      (await h.ledger()).map((e) => [e.type, e.code, e.status, e.totalAmountMinor, e.totalTaxMinor]),
    ).toEqual([
      ['create', 'ord_1', 'Saved', 21000, 2070],
      ['commit', 'ord_1', 'Committed', 21000, 2070],
      ['create', 'ord_2', 'Committed', 21000, 2070],
    ])
  })

  it('replaces an uncommitted document created again with the same code', async () => {
    const first = await create(saleModel())
    const second = await create(saleModel({ lines: [{ number: '1', amount: 50 }] }))
    expect(second).toMatchObject({
      id: first.id,
      code: 'ord_1',
      status: 'Saved',
      totalAmount: 50,
      version: 2,
    })
    expect((await h.transactions()).length).toBe(1)
    expect((await h.ledger()).map((e) => e.type)).toEqual(['create', 'replace'])
  })

  it('refuses the code of a committed document with DocumentCodeConflict, and createoradjust adjusts it', async () => {
    await create(saleModel({ commit: true }))
    const error = await rejection(create(saleModel()))
    expect(error).toMatchObject({ code: 'DocumentCodeConflict', target: 'IncorrectData' })
    expect((error.details as Array<Record<string, unknown>>)[0]).toMatchObject({
      code: 'DocumentCodeConflict',
      number: 303,
      faultCode: 'Client',
      severity: 'Error',
      refersTo: 'code',
    })
    const adjusted = await h.client.createOrAdjustTransaction({
      model: {
        adjustmentReason: AdjustmentReason.PriceAdjusted,
        createTransactionModel: saleModel({ commit: true, lines: [{ number: '1', amount: 100 }] }),
      } as never,
    })
    expect(adjusted).toMatchObject({
      code: 'ord_1',
      version: 2,
      status: 'Committed',
      adjustmentReason: 'PriceAdjusted',
      totalTax: 10.35,
    })
    // createoradjust of a new code simply creates it.
    const created = await h.client.createOrAdjustTransaction({
      model: { createTransactionModel: saleModel({ code: 'ord_new' }) } as never,
    })
    expect(created).toMatchObject({ code: 'ord_new', version: 1, status: 'Saved' })
  })

  it('adjusts a committed document, keeping its id and moving its version on', async () => {
    const original = await create(saleModel({ commit: true }))
    const adjusted = await h.client.adjustTransaction({
      ...at,
      model: {
        adjustmentReason: AdjustmentReason.ProductReturned,
        adjustmentDescription: 'one returned',
        newTransaction: saleModel({ commit: true, lines: [{ number: '1', amount: 100 }] }),
      } as never,
    })
    expect(adjusted).toMatchObject({
      id: original.id,
      version: 2,
      adjustmentReason: 'ProductReturned',
      totalAmount: 100,
    })
    expect((await h.ledger()).map((e) => [e.type, e.totalTaxMinor])).toEqual([
      ['create', 2070],
      ['adjust', 1035],
    ])
  })

  it('voids with a reason code; a second void is TransactionAlreadyCancelled and the code stays taken', async () => {
    await create(saleModel({ commit: true }))
    const voided = await h.client.voidTransaction({ ...at, model: { code: VoidReasonCode.DocVoided } })
    expect(voided).toMatchObject({ status: 'Cancelled' })
    expect(
      await rejection(h.client.voidTransaction({ ...at, model: { code: VoidReasonCode.DocVoided } })),
    ).toMatchObject({
      code: 'TransactionAlreadyCancelled',
    })
    expect(await rejection(h.client.commitTransaction({ ...at, model: { commit: true } }))).toMatchObject({
      code: 'CannotModifyLockedTransaction',
    })
    expect(await rejection(create(saleModel()))).toMatchObject({ code: 'DocumentCodeConflict' })
    expect(
      await rejection(h.client.voidTransaction({ ...at, model: { code: 'Shredded' as never } })),
    ).toMatchObject({
      code: 'ModelStateInvalid',
    })
  })

  it('uncommits a committed document back to Saved', async () => {
    await create(saleModel({ commit: true }))
    expect(await h.client.uncommitTransaction(at)).toMatchObject({ status: 'Saved' })
    expect(await create(saleModel({ lines: [{ number: '1', amount: 1 }] }))).toMatchObject({ version: 2 })
  })

  it('retrieves by code, with $include choosing the nested parts', async () => {
    await create(saleModel())
    const full = await h.client.getTransactionByCode(at)
    expect(full).toMatchObject({ code: 'ord_1', status: 'Saved', totalTax: 20.7 })
    expect(full.lines?.[0]?.details).toHaveLength(2)
    expect(full.summary).toHaveLength(2)
    expect(full.addresses?.[0]).toMatchObject({ region: 'WA', postalCode: '98101' })
    const linesOnly = await h.client.getTransactionByCode({ ...at, include: 'LinesOnly' })
    expect(linesOnly.lines?.[0]?.details).toBeUndefined()
    expect(linesOnly.summary).toBeUndefined()
    expect(linesOnly.addresses).toBeUndefined()
    const summaryOnly = await h.client.getTransactionByCode({ ...at, include: 'SummaryOnly,Addresses' })
    expect(summaryOnly.lines).toBeUndefined()
    expect(summaryOnly.summary?.map((s) => s.jurisName)).toEqual(['WASHINGTON', 'SEATTLE'])
    expect(summaryOnly.addresses).toHaveLength(1)
    // The document type narrows the lookup; no ReturnInvoice has this code.
    const missing = await rejection(
      h.client.getTransactionByCode({ ...at, documentType: DocumentType.ReturnInvoice }),
    )
    expect(missing).toMatchObject({ code: 'EntityNotFoundError', target: 'HttpRequest' })
  })

  it('answers an unknown company or code with EntityNotFoundError', async () => {
    expect(
      await rejection(h.client.getTransactionByCode({ companyCode: 'NOPE', transactionCode: 'x' })),
    ).toMatchObject({
      code: 'EntityNotFoundError',
    })
    expect(
      await rejection(
        h.client.commitTransaction({ companyCode: 'GAMEDAY', transactionCode: 'x', model: { commit: true } }),
      ),
    ).toMatchObject({ code: 'EntityNotFoundError' })
  })
})
