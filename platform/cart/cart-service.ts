import type { Clock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import type { IdGenerator } from '../../lib/ids.js'
import { findProduct } from '../catalog/products.js'
import type { CurrencyCode } from '../money.js'
import { findCart, insertCart, type Cart } from './carts.js'

/** Why an item could not be added. */
export type AddItemError =
  | { code: 'CART_NOT_FOUND'; cartId: string }
  | { code: 'UNKNOWN_SKU'; sku: string }
  | { code: 'INSUFFICIENT_STOCK'; sku: string; available: number }
  | { code: 'CURRENCY_MISMATCH'; sku: string }

/** Carts: create, read, add items. Business refusals come back as results. */
export interface CartService {
  create(currency: CurrencyCode): Promise<Cart>
  get(id: string): Promise<Cart | undefined>
  addItem(
    id: string,
    sku: string,
    quantity: number,
  ): Promise<{ ok: true; cart: Cart } | { ok: false; error: AddItemError }>
}

/** Builds the cart service over `db`. */
export function createCartService(deps: { db: Db; clock: Clock; ids: IdGenerator }): CartService {
  const { db, clock, ids } = deps
  return {
    create: (currency) => insertCart(db, ids('cart'), currency, new Date(clock.now())),
    get: (id) => findCart(db, id),
    async addItem(id, sku, quantity) {
      const cart = await findCart(db, id)
      if (!cart) return { ok: false, error: { code: 'CART_NOT_FOUND', cartId: id } }
      const product = await findProduct(db, sku)
      if (!product) return { ok: false, error: { code: 'UNKNOWN_SKU', sku } }
      if (product.price.currency !== cart.currency)
        return { ok: false, error: { code: 'CURRENCY_MISMATCH', sku } }
      const already = cart.items.find((i) => i.sku === sku)?.quantity ?? 0
      // Stock is only checked here; it is taken at checkout, when the order is created.
      if (already + quantity > product.stock) {
        return { ok: false, error: { code: 'INSUFFICIENT_STOCK', sku, available: product.stock } }
      }
      await db.query(
        `INSERT INTO cart_items (cart_id, sku, quantity, unit_price_minor) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity,
           unit_price_minor = EXCLUDED.unit_price_minor`,
        [id, sku, quantity, product.price.amount],
      )
      const updated = await findCart(db, id)
      if (!updated) return { ok: false, error: { code: 'CART_NOT_FOUND', cartId: id } }
      return { ok: true, cart: updated }
    },
  }
}
