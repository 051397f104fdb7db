import type { Random } from '../../lib/random.js'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Makes vendor-looking ids (`pi_…`, Stripe's mixed-case spelling): a per-instance counter for
 * uniqueness and order, then characters drawn from the simulator's seeded `Random`.
 * @note Not lib/ids.ts's `IdGenerator`: that one spells ids in lower-case base 36 without a
 * counter; the vendors' clients and logs expect ids that look like the vendor's.
 */
export interface VendorIds {
  next(prefix: string, randomChars?: number): string
  random(chars: number): string
}

/**
 * @example createVendorIds(createRandom(deriveSeed(seed, 'psp-ids'))).next('pi') // 'pi_000001Xk3…'
 */
export function createVendorIds(random: Random): VendorIds {
  let counter = 0
  const chars = (n: number): string => {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[random.int(alphabet.length)]
    return out
  }
  return {
    random: chars,
    next(prefix, randomChars = 16) {
      counter += 1
      return `${prefix}_${counter.toString(36).padStart(6, '0')}${chars(randomChars)}`
    },
  }
}
