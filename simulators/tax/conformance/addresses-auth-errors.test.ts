import { afterEach, describe, expect, it } from 'vitest'
import { rejection, saleModel, startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const basic = (name: string, secret: string) => `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`

describe('address resolution through the official client', () => {
  it('resolves a known address the same way by GET and by POST', async () => {
    h = await startHarness()
    const address = { line1: '1 main st', city: 'seattle', region: 'WA', postalCode: '98101', country: 'US' }
    const byGet = await h.client.resolveAddress(address)
    const byPost = await h.client.resolveAddressPost({ model: address })
    expect(byGet).toEqual(byPost)
    expect(byGet).toMatchObject({
      validatedAddresses: [
        { line1: '1 MAIN ST', city: 'SEATTLE', region: 'WA', postalCode: '98101', country: 'US' },
      ],
      resolutionQuality: 'Intersection',
      coordinates: { latitude: expect.any(Number), longitude: expect.any(Number) },
    })
    expect(byGet.taxAuthorities?.map((a) => a.jurisdictionName)).toEqual(['WASHINGTON', 'SEATTLE'])
    expect(byGet.messages).toBeUndefined()
  })

  it('fills the region from a ZIP and answers Mixed case when asked', async () => {
    h = await startHarness()
    const resolved = await h.client.resolveAddressPost({
      model: { postalCode: '10007', textCase: 'Mixed' as never },
    })
    expect(resolved).toMatchObject({
      validatedAddresses: [{ region: 'NY', postalCode: '10007' }],
      resolutionQuality: 'PostalCentroidGood',
    })
    const mixed = await h.client.resolveAddress({
      line1: '5 ELM ST',
      city: 'AUSTIN',
      region: 'TX',
      textCase: 'Mixed' as never,
    })
    expect(mixed.validatedAddresses?.[0]).toMatchObject({
      line1: '5 Elm St',
      city: 'Austin',
      postalCode: '78701',
    })
  })

  it.each([
    ['an incomplete address', { city: 'Seattle' }, 'The address value was incomplete.', 'Address'],
    [
      'a ZIP of another state',
      { postalCode: '10007', region: 'WA' },
      'The address is not deliverable.',
      'Address.PostalCode',
    ],
    [
      'an unknown state',
      { line1: '1 A St', city: 'Z', region: 'ZZ' },
      'The address is not deliverable.',
      'Address.Region',
    ],
    [
      'a country outside the US and Canada',
      { postalCode: 'SW1A 1AA', country: 'GB' },
      'Address not geocoded.',
      'Address.Country',
    ],
  ])('answers %s with AvaTax-style messages', async (_label, address, summary, refersTo) => {
    h = await startHarness()
    const resolved = await h.client.resolveAddressPost({ model: address })
    expect(resolved.coordinates).toBeUndefined()
    expect(resolved.messages).toEqual([expect.objectContaining({ summary, refersTo, severity: 'Error' })])
  })
})

describe('authentication', () => {
  it('accepts any non-empty pair by default and refuses a missing header', async () => {
    h = await startHarness()
    const anyPair = h.clientWith({ accountId: '42', licenseKey: 'anything' })
    // Past authentication: the document is simply not there.
    expect(
      await rejection(anyPair.getTransactionByCode({ companyCode: 'GAMEDAY', transactionCode: 'nope' })),
    ).toMatchObject({
      code: 'EntityNotFoundError',
    })
    expect(await rejection(h.clientWith().createTransaction({ model: saleModel() as never }))).toMatchObject({
      code: 'AuthenticationIncomplete',
      target: 'HttpRequestHeaders',
    })
    expect(await h.ledger()).toEqual([])
  })

  it('accepts only the configured account and key, or the configured bearer token', async () => {
    h = await startHarness({ accountId: '2000', licenseKey: 'right-key', bearerToken: 'tok_right' })
    const wrong = h.clientWith({ accountId: '2000', licenseKey: 'wrong-key' })
    expect(await rejection(wrong.createTransaction({ model: saleModel() as never }))).toMatchObject({
      code: 'AuthenticationException',
    })
    expect(await wrong.ping()).toMatchObject({ authenticated: false })
    const right = h.clientWith({ accountId: '2000', licenseKey: 'right-key' })
    expect(await right.createTransaction({ model: saleModel() as never })).toMatchObject({ status: 'Saved' })
    expect(await h.clientWith({ bearerToken: 'tok_right' }).ping()).toMatchObject({
      authenticated: true,
      authenticationType: 'OpenIdBearerToken',
    })
    expect(await h.clientWith({ bearerToken: 'tok_wrong' }).ping()).toMatchObject({ authenticated: false })
  })

  it('answers 401 with BasicAuthIncorrect to a Basic header that is not name:secret', async () => {
    h = await startHarness()
    const res = await fetch(`${h.tax.url}/api/v2/companies/GAMEDAY/transactions/x`, {
      headers: { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({
      error: { code: 'BasicAuthIncorrect', details: [{ number: 35 }] },
    })
  })
})

describe('bad input', () => {
  const post = (harness: Harness, body: string, path = '/api/v2/transactions/create') =>
    fetch(`${harness.tax.url}${path}`, {
      method: 'POST',
      body,
      headers: { authorization: basic('1', 'k'), 'content-type': 'application/json' },
    })

  it.each([
    ['malformed JSON', '{"type": "SalesInvoice",', 'ModelRequiredException'],
    ['no body', '', 'ModelRequiredException'],
    ['a JSON array', '[1, 2]', 'ModelRequiredException'],
  ])('refuses %s with 400 and saves nothing', async (_label, body, code) => {
    h = await startHarness()
    const res = await post(h, body)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code } })
    expect(await h.transactions()).toEqual([])
  })

  it.each([
    ['a string amount', { lines: [{ amount: 'lots' }] }, 'ModelStateInvalid', 'lines[0].amount'],
    ['a missing amount', { lines: [{ quantity: 1 }] }, 'ValueRequiredError', 'lines[0].amount'],
    ['a numeric customer code', { customerCode: 7 }, 'ModelStateInvalid', 'customerCode'],
    ['a missing customer code', { customerCode: undefined }, 'ValueRequiredError', 'customerCode'],
    ['a missing date', { date: undefined }, 'ValueRequiredError', 'date'],
    ['an impossible date', { date: '2026-02-30' }, 'ModelStateInvalid', 'date'],
    ['an unknown type', { type: 'Barter' }, 'ModelStateInvalid', 'type'],
    ['a commit that is a string', { commit: 'yes' }, 'ModelStateInvalid', 'commit'],
    ['no addresses', { addresses: undefined }, 'ValueRequiredError', 'addresses'],
    ['lines that are not a list', { lines: { amount: 1 } }, 'ModelStateInvalid', 'lines'],
    ['too many lines', { lines: Array.from({ length: 1001 }, () => ({ amount: 1 })) }, 'RangeError', 'lines'],
    ['a code over 50 characters', { code: 'x'.repeat(51) }, 'RangeError', 'code'],
  ])(
    'refuses %s through the client, naming the field, and saves nothing',
    async (_label, over, code, field) => {
      h = await startHarness()
      const error = await rejection(h.client.createTransaction({ model: saleModel(over) as never }))
      expect(error).toMatchObject({ code })
      expect((error.details as Array<{ refersTo?: string }>)[0]?.refersTo).toBe(field)
      expect(await h.transactions()).toEqual([])
      expect(await h.ledger()).toEqual([])
    },
  )

  it('refuses a body over the size limit with an AvaTax-shaped 413', async () => {
    h = await startHarness()
    const huge = JSON.stringify(saleModel({ description: 'x'.repeat(2_000_000) }))
    const res = await post(h, huge)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'RequestTooLarge' } })
    expect(await h.transactions()).toEqual([])
  })

  it('answers unknown routes with an AvaTax-shaped 404 the client can read', async () => {
    h = await startHarness()
    const res = await post(h, '{}', '/api/v2/transactions/teleport')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'NotFound' } })
  })
})

describe('ids and faults', () => {
  const mint = async (options: { idSalt: string }) => {
    const harness = await startHarness(options)
    try {
      const a = await harness.client.createTransaction({ model: saleModel({ code: undefined }) as never })
      const b = await harness.client.createTransaction({ model: saleModel({ code: undefined }) as never })
      return [a.id, a.code, b.id, b.code]
    } finally {
      await harness.close()
    }
  }

  it('mints the same ids and codes for the same seed and salt, and others for another salt', async () => {
    const first = await mint({ idSalt: 'run-1' })
    expect(await mint({ idSalt: 'run-1' })).toEqual(first)
    const other = await mint({ idSalt: 'run-2' })
    expect(other[1]).not.toBe(first[1])
    expect(other[0]).not.toBe(first[0])
    expect(first[2]).toBe((first[0] as number) + 1)
  })

  it('surfaces an injected outage to the client as an AvaTax error, then recovers', async () => {
    h = await startHarness()
    await fetch(`${h.tax.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { path: '/api/v2/transactions/*' },
        schedule: { times: 1 },
        effect: { type: 'error', status: 503 },
      }),
    })
    expect(await rejection(h.client.createTransaction({ model: saleModel() as never }))).toMatchObject({
      code: 'ServiceUnavailable',
      target: 'Unknown',
    })
    expect(await h.transactions()).toEqual([])
    expect(await h.client.createTransaction({ model: saleModel() as never })).toMatchObject({
      status: 'Saved',
    })
  })
})
