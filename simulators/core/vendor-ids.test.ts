import { describe, expect, it } from 'vitest'
import { createRandom } from '../../lib/random.js'
import { createVendorIds } from './vendor-ids.js'

describe('createVendorIds', () => {
  it('makes the same ids from the same seed and different ones from another', () => {
    const a = createVendorIds(createRandom(42))
    const b = createVendorIds(createRandom(42))
    const first = [a.next('pi'), a.next('pi', 8), a.random(12)]
    expect([b.next('pi'), b.next('pi', 8), b.random(12)]).toEqual(first)
    expect(createVendorIds(createRandom(43)).next('pi')).not.toBe(first[0])
  })

  it('counts per instance, so two simulators in one process do not share a sequence', () => {
    const a = createVendorIds(createRandom(1))
    a.next('pi')
    a.next('pi')
    expect(a.next('pi')).toMatch(/^pi_000003[A-Za-z0-9]{16}$/)
    expect(createVendorIds(createRandom(1)).next('ch', 4)).toMatch(/^ch_000001[A-Za-z0-9]{4}$/)
  })
})
