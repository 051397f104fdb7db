import { describe, expect, it } from 'vitest'
import { createDocumentIds } from './document-ids.js'

const take = (seed: number, salt: string) => {
  const ids = createDocumentIds(seed, salt)
  return [ids.nextId(), ids.nextCode(), ids.nextId(), ids.nextCode()]
}

describe('createDocumentIds', () => {
  it('mints the same ids for the same seed and salt, and others for another salt or seed', () => {
    expect(take(3, 's')).toEqual(take(3, 's'))
    expect(take(3, 't')[1]).not.toBe(take(3, 's')[1])
    expect(take(4, 's')[1]).not.toBe(take(3, 's')[1])
  })

  it('counts ids up by one from a ten-digit base and spells codes as GUIDs', () => {
    const [first, code, second] = take(3, 's')
    expect(String(first)).toMatch(/^\d{10}$/)
    expect(second).toBe((first as number) + 1)
    expect(code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('starts over on reset', () => {
    const ids = createDocumentIds(5, 'x')
    const first = [ids.nextId(), ids.nextCode()]
    ids.reset()
    expect([ids.nextId(), ids.nextCode()]).toEqual(first)
  })
})
