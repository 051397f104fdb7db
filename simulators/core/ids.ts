import type { Rng } from './rng.js'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Makes Stripe-looking ids (`pi_…`): a counter for uniqueness, then seeded random characters. */
export interface IdGenerator {
  next(prefix: string, randomChars?: number): string
  random(chars: number): string
}

/**
 * @example createIdGenerator(rng).next('pi') // 'pi_000001Xk3…'
 */
export function createIdGenerator(rng: Rng): IdGenerator {
  let counter = 0
  const random = (chars: number): string => {
    let out = ''
    for (let i = 0; i < chars; i++) out += alphabet[Math.floor(rng.next() * alphabet.length)]
    return out
  }
  return {
    random,
    next(prefix, randomChars = 16) {
      counter += 1
      return `${prefix}_${counter.toString(36).padStart(6, '0')}${random(randomChars)}`
    },
  }
}
