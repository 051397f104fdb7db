import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rejection, startHarness, type Harness } from './harness.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

const unparseable =
  'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.'

describe('Search', () => {
  it('finds PaymentIntents by status, amount, currency, customer and metadata, newest first', async () => {
    const c = await h.stripe.customers.create({})
    const small = await h.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      metadata: { order_id: 'o1' },
    })
    const big = await h.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      customer: c.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { order_id: 'o2' },
    })
    const ids = async (query: string): Promise<string[]> =>
      (await h.stripe.paymentIntents.search({ query })).data.map((pi) => pi.id)
    expect(await ids('amount>1000')).toEqual([big.id])
    expect(await ids('amount<=500')).toEqual([small.id])
    expect(await ids("status:'succeeded'")).toEqual([big.id])
    expect(await ids('-currency:"usd"')).toEqual([big.id])
    expect(await ids(`customer:"${c.id}"`)).toEqual([big.id])
    expect(await ids("metadata['order_id']:'o1'")).toEqual([small.id])
    expect(await ids('metadata["order_id"]:"o1" OR metadata["order_id"]:"o2"')).toEqual([big.id, small.id])
    expect(await ids('customer:null')).toEqual([small.id])
    expect(await ids('amount>100 AND currency:"eur"')).toEqual([big.id])
    expect(await ids('metadata["nope"]:null')).toEqual([big.id, small.id])
    const page = await h.stripe.paymentIntents.search({ query: 'amount>1' })
    expect(page).toMatchObject({
      object: 'search_result',
      url: '/v1/payment_intents/search',
      has_more: false,
    })
    expect(page.next_page).toBeNull()
  })

  it('pages with limit and next_page, and counts with expand total_count', async () => {
    const made: string[] = []
    for (let i = 0; i < 5; i++)
      made.unshift((await h.stripe.customers.create({ email: `user${i}@example.com` })).id)
    const first = await h.stripe.customers.search({
      query: 'email~"example"',
      limit: 2,
      expand: ['total_count'],
    })
    expect(first.data.map((c) => c.id)).toEqual(made.slice(0, 2))
    expect(first).toMatchObject({ has_more: true, total_count: 5 })
    const second = await h.stripe.customers.search({
      query: 'email~"example"',
      limit: 2,
      page: first.next_page!,
    })
    expect(second.data.map((c) => c.id)).toEqual(made.slice(2, 4))
    const all: string[] = []
    for await (const c of h.stripe.customers.search({ query: 'email~"example"', limit: 2 })) all.push(c.id)
    expect(all).toEqual(made)
    expect(
      (await h.stripe.customers.search({ query: 'email:"USER1@example.com"' })).data.map((c) => c.id),
    ).toEqual([made[3]])
    await h.stripe.customers.del(made[0]!)
    expect((await h.stripe.customers.search({ query: 'email~"user4"' })).data).toEqual([])
  })

  it('finds charges by card last4, refunded and metadata', async () => {
    const paid = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_mastercard',
      confirm: true,
      metadata: { order_id: 'c1' },
    })
    await h.stripe.refunds.create({ payment_intent: paid.id })
    const charge = paid.latest_charge as string
    const ids = async (query: string): Promise<string[]> =>
      (await h.stripe.charges.search({ query })).data.map((ch) => ch.id)
    expect(await ids('payment_method_details.card.last4:"4444"')).toEqual([charge])
    expect(await ids('refunded:true')).toEqual([charge])
    expect(await ids('refunded:"false"')).toEqual([])
    expect(await ids('metadata["order_id"]:"c1" AND status:"succeeded"')).toEqual([charge])
  })

  it('answers bad queries with Stripe’s 400s and matches search before an id', async () => {
    const bad = async (query: string) => rejection(h.stripe.paymentIntents.search({ query }))
    expect(await bad('asdf')).toMatchObject({ statusCode: 400, param: 'query', message: unparseable })
    expect(await bad('status:succeeded')).toMatchObject({ message: unparseable })
    expect(await bad('amount>1 AND status:"x" OR currency:"usd"')).toMatchObject({ message: unparseable })
    expect(await bad('colour:"red"')).toMatchObject({
      statusCode: 400,
      message:
        'Field `colour` is an unsupported search field for resource `payment_intents`. See http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.',
    })
    expect(await bad('status~"succ"')).toMatchObject({ statusCode: 400, param: 'query' })
    expect(await rejection(h.stripe.customers.search({ query: 'name~"ab"' }))).toMatchObject({
      statusCode: 400,
    })
    expect(await rejection(h.stripe.paymentIntents.search({} as never))).toMatchObject({
      code: 'parameter_missing',
      param: 'query',
    })
    expect(await rejection(h.stripe.refunds.retrieve('search'))).toMatchObject({ statusCode: 404 })
  })
})
