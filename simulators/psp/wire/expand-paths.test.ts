import { describe, expect, it } from 'vitest'
import { decodeForm, type FormObject } from './form-body.js'
import { parseExpand, within } from './expand-paths.js'

const form = (query: string): FormObject => {
  const decoded = decodeForm(query)
  if (!decoded.ok) throw new Error(decoded.message)
  return decoded.value
}

describe('parseExpand', () => {
  it('returns each path with its prefixes, relative to the object', () => {
    expect(
      parseExpand(form('expand[0]=latest_charge.payment_intent&expand[1]=customer'), {
        object: 'payment_intent',
      }),
    ).toEqual(new Set(['latest_charge', 'latest_charge.payment_intent', 'customer']))
    expect(
      parseExpand(form('expand[]=data.charge.payment_intent'), { object: 'refund', list: true }),
    ).toEqual(new Set(['charge', 'charge.payment_intent']))
    expect(parseExpand({}, { object: 'customer' })).toEqual(new Set())
  })

  it.each([
    [
      'expand[0]=nope',
      { object: 'payment_intent' as const },
      'expand[0]',
      'This property cannot be expanded (nope).',
    ],
    [
      'expand[0]=customer&expand[1]=latest_charge.customer',
      { object: 'payment_intent' as const },
      'expand[1]',
      'This property cannot be expanded (latest_charge.customer).',
    ],
    [
      'expand[0]=data.customer',
      { object: 'payment_intent' as const },
      'expand[0]',
      'This property cannot be expanded (data).',
    ],
    [
      'expand[0]=payment_intent',
      { object: 'charge' as const, list: true },
      'expand[0]',
      "This property cannot be expanded (payment_intent). You may want to try expanding 'data.payment_intent' instead.",
    ],
    [
      'expand[0]=data',
      { object: 'charge' as const, list: true },
      'expand[0]',
      'This property cannot be expanded (data).',
    ],
    [
      'expand[0]=anything',
      { object: 'event' as const },
      'expand[0]',
      'This property cannot be expanded (anything).',
    ],
    [
      'expand[0]=charge.payment_intent.latest_charge.payment_intent.customer',
      { object: 'refund' as const },
      'expand[0]',
      'You cannot expand more than 4 levels of a property.',
    ],
    ['expand[a]=customer', { object: 'payment_intent' as const }, 'expand', 'Invalid array'],
  ])('refuses %s with a 400 naming the parameter', (query, answers, param, message) => {
    expect(parseExpand(form(query), answers)).toMatchObject({
      status: 400,
      error: { type: 'invalid_request_error', param, message },
    })
  })

  it('does not treat inherited object keys as fields', () => {
    expect(parseExpand(form('expand[0]=toString'), { object: 'customer' })).toMatchObject({ status: 400 })
  })
})

describe('within', () => {
  it('gives the paths below one field', () => {
    const expand = new Set(['latest_charge', 'latest_charge.payment_intent', 'customer'])
    expect(within(expand, 'latest_charge')).toEqual(new Set(['payment_intent']))
    expect(within(expand, 'customer').size).toBe(0)
  })
})
