import { describe, expect, it } from 'vitest'
import { decodeForm, formArray } from './form-body.js'

describe('decodeForm', () => {
  it('decodes nested keys and arrays the way stripe-node encodes them', () => {
    const result = decodeForm(
      'amount=100&metadata[order_id]=o+1&expand[0]=latest_charge&expand[1]=customer&a[]=x&a[]=y',
    )
    expect(result).toEqual({
      ok: true,
      value: {
        amount: '100',
        metadata: { order_id: 'o 1' },
        expand: { '0': 'latest_charge', '1': 'customer' },
        a: { '0': 'x', '1': 'y' },
      },
    })
    if (result.ok) expect(formArray(result.value.expand)).toEqual(['latest_charge', 'customer'])
  })

  it('refuses bad encodings and conflicting nesting, naming the parameter', () => {
    expect(decodeForm('amount=%E0%A4%A')).toMatchObject({ ok: false })
    expect(decodeForm('metadata=x&metadata[a]=b')).toMatchObject({ ok: false, param: 'metadata' })
    expect(decodeForm('[x]=1')).toMatchObject({ ok: false })
    expect(decodeForm('a[b=1')).toMatchObject({ ok: false, param: 'a[b' })
    expect(decodeForm('__proto__[x]=1')).toMatchObject({ ok: false })
  })
})
