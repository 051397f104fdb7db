import { createRandom, deriveSeed } from '../../lib/random.js'

/** What the tax simulator mints: transaction ids and the codes of documents created without one. */
export interface DocumentIds {
  /** The next transaction id: a large integer, as AvaTax's are, rising by one per document. */
  nextId(): number
  /** A document code in AvaTax's generated form, a lower-case GUID (`8-4-4-4-12` hex). */
  nextCode(): string
  /** Starts over, as after `/__admin/reset`: the same ids again. */
  reset(): void
}

/**
 * Ids from their own stream, seeded by the run's seed and the start's salt and by nothing else,
 * so fault draws never depend on them and the same seed and salt mint the same ids.
 * @example createDocumentIds(7, 'a1b2').nextCode() // '3f0c…-…', the same for seed 7 and salt 'a1b2'
 */
export function createDocumentIds(seed: number, salt: string): DocumentIds {
  let random = createRandom(deriveSeed(seed, 'tax', 'ids', salt))
  let base = 0
  let counter = 0
  const start = (): void => {
    random = createRandom(deriveSeed(seed, 'tax', 'ids', salt))
    // Ten digits, so ids look like AvaTax's and two salts rarely share a range.
    base = 1_000_000_000 + random.int(8_000_000_000)
    counter = 0
  }
  start()
  const hex = (n: number): string => {
    let out = ''
    for (let i = 0; i < n; i++) out += '0123456789abcdef'[random.int(16)]
    return out
  }
  return {
    nextId: () => base + ++counter,
    nextCode: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[random.int(4)]}${hex(3)}-${hex(12)}`,
    reset: start,
  }
}
