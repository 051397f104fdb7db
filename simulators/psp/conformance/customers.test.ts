import type Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

describe('Customers: update and delete', () => {
  it('updates fields, merges metadata and sets invoice settings to an attached method', async () => {
    const c = await h.stripe.customers.create({ email: 'a@example.com', metadata: { tier: 'gold', x: '1' } })
    expect(c).toMatchObject({ balance: 0, default_source: null, currency: null, phone: null })
    const pm = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: c.id })
    const updated = await h.stripe.customers.update(c.id, {
      name: 'Ada',
      phone: '+15555550100',
      metadata: { x: '' },
      invoice_settings: { default_payment_method: pm.id, footer: 'Thanks' },
    })
    expect(updated).toMatchObject({
      name: 'Ada',
      email: 'a@example.com',
      phone: '+15555550100',
      metadata: { tier: 'gold' },
      invoice_settings: { default_payment_method: pm.id, footer: 'Thanks' },
    })
    const notMine = await rejection(
      h.stripe.customers.update(c.id, { invoice_settings: { default_payment_method: 'pm_card_visa' } }),
    )
    expect(notMine).toMatchObject({ statusCode: 400, param: 'invoice_settings[default_payment_method]' })
    expect(notMine?.message).toBe(
      'The customer does not have a payment method with the ID pm_card_visa. The payment method must be attached to the customer.',
    )
    expect(await rejection(h.stripe.customers.update(c.id, { colour: 'red' } as never))).toMatchObject({
      code: 'parameter_unknown',
      param: 'colour',
    })
  })

  it('deletes a customer: the stub stays retrievable, lists skip it, other operations 404', async () => {
    const c = await h.stripe.customers.create({ email: 'gone@example.com' })
    const deleted = await h.stripe.customers.del(c.id)
    expect(deleted).toEqual(expect.objectContaining({ id: c.id, object: 'customer', deleted: true }))
    const again = await h.stripe.customers.retrieve(c.id)
    expect(again).toMatchObject({ id: c.id, deleted: true })
    expect((await h.stripe.customers.list()).data.map((x) => x.id)).not.toContain(c.id)
    for (const call of [
      h.stripe.customers.update(c.id, { name: 'x' }),
      h.stripe.customers.del(c.id),
      h.stripe.customers.createTaxId(c.id, { type: 'eu_vat', value: 'DE123456789' }),
    ])
      expect(await rejection(call)).toMatchObject({ statusCode: 404, code: 'resource_missing' })
    expect(await rejection(h.stripe.customers.del('cus_nope'))).toMatchObject({ statusCode: 404 })
  })
})

describe('Customer balance transactions', () => {
  it('credits and debits the balance, fixes the currency, lists newest first and updates metadata', async () => {
    const c = await h.stripe.customers.create({ email: 'b@example.com' })
    const credit = await h.stripe.customers.createBalanceTransaction(c.id, {
      amount: -500,
      currency: 'usd',
      description: 'goodwill',
    })
    expect(credit).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -500,
      ending_balance: -500,
      type: 'adjustment',
    })
    expect(credit.id).toMatch(/^cbtxn_/)
    const debit = await h.stripe.customers.createBalanceTransaction(c.id, { amount: 200, currency: 'usd' })
    expect(debit.ending_balance).toBe(-300)
    expect(await h.stripe.customers.retrieve(c.id)).toMatchObject({ balance: -300, currency: 'usd' })
    const listed = await h.stripe.customers.listBalanceTransactions(c.id)
    expect(listed.data.map((t) => t.id)).toEqual([debit.id, credit.id])
    const updated = await h.stripe.customers.updateBalanceTransaction(c.id, credit.id, {
      metadata: { ticket: 't1' },
    })
    expect(updated).toMatchObject({ metadata: { ticket: 't1' }, amount: -500 })
    expect((await h.stripe.customers.retrieveBalanceTransaction(c.id, credit.id)).description).toBe(
      'goodwill',
    )
    expect(
      await rejection(h.stripe.customers.createBalanceTransaction(c.id, { amount: 100, currency: 'eur' })),
    ).toMatchObject({ statusCode: 400, param: 'currency' })
    expect(
      await rejection(h.stripe.customers.createBalanceTransaction(c.id, { currency: 'usd' } as never)),
    ).toMatchObject({ code: 'parameter_missing', param: 'amount' })
    expect(await rejection(h.stripe.customers.retrieveBalanceTransaction(c.id, 'cbtxn_nope'))).toMatchObject({
      statusCode: 404,
    })
  })

  it('records the balance set on create and on update as transactions', async () => {
    const c = await h.stripe.customers.create({ balance: 1000 })
    await h.stripe.customers.update(c.id, { balance: 250 })
    const listed = await h.stripe.customers.listBalanceTransactions(c.id)
    expect(listed.data.map((t) => [t.type, t.amount, t.ending_balance])).toEqual([
      ['adjustment', -750, 250],
      ['initial', 1000, 1000],
    ])
  })
})

describe('Customer tax ids', () => {
  it('creates, lists, retrieves and deletes tax ids with their verification', async () => {
    const c = await h.stripe.customers.create({})
    const vat = await h.stripe.customers.createTaxId(c.id, { type: 'eu_vat', value: 'DE000000000' })
    expect(vat).toMatchObject({ object: 'tax_id', country: 'DE', type: 'eu_vat', value: 'DE000000000' })
    expect(vat.id).toMatch(/^txi_/)
    expect(vat.verification?.status).toBe('verified')
    const ein = await h.stripe.customers.createTaxId(c.id, { type: 'us_ein', value: '12-3456789' })
    expect(ein).toMatchObject({ country: 'US', verification: { status: 'unavailable' } })
    const gb = await h.stripe.customers.createTaxId(c.id, { type: 'gb_vat', value: 'GB123456789' })
    expect(gb.verification?.status).toBe('pending')
    expect((await h.stripe.customers.listTaxIds(c.id)).data.map((t) => t.id)).toEqual([gb.id, ein.id, vat.id])
    expect((await h.stripe.customers.retrieveTaxId(c.id, ein.id)).value).toBe('12-3456789')
    expect(await h.stripe.customers.deleteTaxId(c.id, ein.id)).toMatchObject({ id: ein.id, deleted: true })
    expect(await rejection(h.stripe.customers.retrieveTaxId(c.id, ein.id))).toMatchObject({ statusCode: 404 })
  })

  it('refuses an unknown type and a value of the wrong shape', async () => {
    const c = await h.stripe.customers.create({})
    const badType = await rejection(
      h.stripe.customers.createTaxId(c.id, { type: 'xx_vat' as never, value: '123' }),
    )
    expect(badType).toMatchObject({ statusCode: 400, param: 'type' })
    expect(badType?.message).toMatch(/^Invalid type: must be one of ad_nrt, /)
    const badValue = await rejection(h.stripe.customers.createTaxId(c.id, { type: 'eu_vat', value: '12' }))
    expect(badValue).toMatchObject({
      statusCode: 400,
      code: 'tax_id_invalid',
      param: 'value',
      message: 'Invalid value for eu_vat.',
    })
  })
})

describe('Customer cash balance and funding instructions', () => {
  it('reads and sets the reconciliation mode and lists funded transactions', async () => {
    const c = await h.stripe.customers.create({})
    expect(await h.stripe.customers.retrieveCashBalance(c.id)).toMatchObject({
      object: 'cash_balance',
      available: null,
      settings: { reconciliation_mode: 'automatic', using_merchant_default: true },
    })
    const manual = await h.stripe.customers.updateCashBalance(c.id, {
      settings: { reconciliation_mode: 'manual' },
    })
    expect(manual.settings).toEqual({ reconciliation_mode: 'manual', using_merchant_default: false })
    expect(
      await rejection(
        h.stripe.customers.updateCashBalance(c.id, {
          settings: { reconciliation_mode: 'sometimes' as never },
        }),
      ),
    ).toMatchObject({ statusCode: 400, param: 'settings[reconciliation_mode]' })
    const funded = await h.stripe.testHelpers.customers.fundCashBalance(c.id, {
      amount: 5000,
      currency: 'usd',
    })
    expect(funded).toMatchObject({ type: 'funded', net_amount: 5000, ending_balance: 5000 })
    expect((await h.stripe.customers.retrieveCashBalance(c.id)).available).toEqual({ usd: 5000 })
    const listed = await h.stripe.customers.listCashBalanceTransactions(c.id)
    expect(listed.data.map((t) => t.id)).toEqual([funded.id])
    expect((await h.stripe.customers.retrieveCashBalanceTransaction(c.id, funded.id)).net_amount).toBe(5000)
  })

  it('gives bank transfer instructions and refuses a currency the type does not take', async () => {
    const c = await h.stripe.customers.create({})
    const jp = await h.stripe.customers.createFundingInstructions(c.id, {
      funding_type: 'bank_transfer',
      currency: 'jpy',
      bank_transfer: { type: 'jp_bank_transfer' },
    })
    expect(jp).toMatchObject({
      object: 'funding_instructions',
      currency: 'jpy',
      bank_transfer: { type: 'jp_bank_transfer', country: 'JP' },
    })
    expect(jp.bank_transfer.financial_addresses[0]?.type).toBe('zengin')
    const again = await h.stripe.customers.createFundingInstructions(c.id, {
      funding_type: 'bank_transfer',
      currency: 'jpy',
      bank_transfer: { type: 'jp_bank_transfer' },
    })
    expect(again.bank_transfer).toEqual(jp.bank_transfer)
    const eu = await h.stripe.customers.createFundingInstructions(c.id, {
      funding_type: 'bank_transfer',
      currency: 'eur',
      bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'NL' } },
    })
    expect(eu.bank_transfer.financial_addresses[0]?.iban?.country).toBe('NL')
    const mismatch = await rejection(
      h.stripe.customers.createFundingInstructions(c.id, {
        funding_type: 'bank_transfer',
        currency: 'usd',
        bank_transfer: { type: 'jp_bank_transfer' },
      }),
    )
    expect(mismatch).toMatchObject({ statusCode: 400, param: 'currency' })
    expect(
      await rejection(
        h.stripe.customers.createFundingInstructions(c.id, {
          funding_type: 'bank_transfer',
          currency: 'eur',
          bank_transfer: { type: 'eu_bank_transfer' },
        }),
      ),
    ).toMatchObject({ code: 'parameter_missing', param: 'bank_transfer[eu_bank_transfer][country]' })
  })
})

describe('Customer sources', () => {
  it('adds cards and bank accounts from test tokens, lists by object, updates and deletes them', async () => {
    const c = await h.stripe.customers.create({ name: 'Jenny Rosen' })
    const card = (await h.stripe.customers.createSource(c.id, { source: 'tok_visa' })) as Stripe.Card
    expect(card).toMatchObject({ object: 'card', brand: 'Visa', last4: '4242', customer: c.id })
    const mc = (await h.stripe.customers.createSource(c.id, { source: 'tok_mastercard' })) as Stripe.Card
    expect(mc).toMatchObject({ brand: 'MasterCard', last4: '4444' })
    const bank = (await h.stripe.customers.createSource(c.id, {
      source: 'btok_us',
    })) as Stripe.BankAccount
    expect(bank).toMatchObject({
      object: 'bank_account',
      status: 'new',
      last4: '6789',
      routing_number: '110000000',
    })
    expect((await h.stripe.customers.retrieve(c.id)) as Stripe.Customer).toMatchObject({
      default_source: card.id,
    })
    const cards = await h.stripe.customers.listSources(c.id, { object: 'card' })
    expect(cards.data.map((s) => s.id)).toEqual([mc.id, card.id])
    const updated = (await h.stripe.customers.updateSource(c.id, card.id, {
      exp_month: '6',
      name: 'J Rosen',
    } as never)) as Stripe.Card
    expect(updated).toMatchObject({ exp_month: 6, name: 'J Rosen' })
    expect(await h.stripe.customers.deleteSource(c.id, card.id)).toMatchObject({ id: card.id, deleted: true })
    expect(((await h.stripe.customers.retrieve(c.id)) as Stripe.Customer).default_source).toBe(bank.id)
    expect(await rejection(h.stripe.customers.createSource(c.id, { source: 'tok_nope' }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'source',
    })
  })

  it('verifies a bank account with the test amounts 32 and 45, once', async () => {
    const c = await h.stripe.customers.create({})
    const bank = await h.stripe.customers.createSource(c.id, { source: 'btok_us' })
    const wrong = await rejection(h.stripe.customers.verifySource(c.id, bank.id, { amounts: [10, 20] }))
    expect(wrong).toMatchObject({
      statusCode: 400,
      code: 'bank_account_verification_failed',
      message: 'The amounts provided do not match the amounts that were sent to the bank account.',
    })
    const verified = (await h.stripe.customers.verifySource(c.id, bank.id, {
      amounts: [32, 45],
    })) as Stripe.BankAccount
    expect(verified.status).toBe('verified')
    expect(
      (await rejection(h.stripe.customers.verifySource(c.id, bank.id, { amounts: [32, 45] })))?.message,
    ).toBe('This bank account has already been verified.')
    const ready = (await h.stripe.customers.createSource(c.id, {
      source: 'btok_us_verified',
    })) as Stripe.BankAccount
    expect(ready.status).toBe('verified')
  })
})
