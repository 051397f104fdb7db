import type { Clock } from '../../lib/clock.js'
import type { Db } from '../db/db.js'
import type { IdGenerator } from '../../lib/ids.js'
import { money, type CurrencyCode } from '../money.js'
import { cartOf, findCart, insertCart, type Cart, type ItemRow } from './carts.js'

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
      // One statement reads the cart, the product and how many of it the cart holds already, adds
      // the line when every check below would pass, and reads the cart's lines back: the upserted
      // one, and the others as they stand (a data-modifying CTE's own rows are not visible to the
      // rest of its statement). A refused line writes nothing, and its reason comes from the read.
      const res = await db.query<FoundRow & ItemRow & { added: boolean }>(ADD_ITEM, [id, sku, quantity])
      const row = res.rows[0]
      if (!row) return { ok: false, error: { code: 'CART_NOT_FOUND', cartId: id } }
      if (row.price_minor === null || row.price_currency === null || row.stock === null)
        return { ok: false, error: { code: 'UNKNOWN_SKU', sku } }
      const currency = money(0, row.currency).currency
      const price = money(row.price_minor, row.price_currency)
      if (price.currency !== currency) return { ok: false, error: { code: 'CURRENCY_MISMATCH', sku } }
      const already = row.already ?? 0
      // Stock is only checked here; it is taken at checkout, when the order is created.
      if (already + quantity > row.stock || !row.added) {
        return { ok: false, error: { code: 'INSUFFICIENT_STOCK', sku, available: row.stock } }
      }
      return { ok: true, cart: cartOf(id, currency, res.rows) }
    },
  }
}

/** What {@link ADD_ITEM} read before adding: the cart, the product, the cart's quantity of it. */
interface FoundRow {
  currency: string
  price_minor: number | null
  price_currency: string | null
  stock: number | null
  already: number | null
}

/** $1 cart, $2 SKU, $3 quantity: one row per line of the cart after the add (one, line-less, when refused). */
const ADD_ITEM = `WITH found AS (
  SELECT c.currency, p.price_minor, p.currency AS price_currency, p.stock,
    (SELECT quantity FROM cart_items WHERE cart_id = $1::text AND sku = $2::text) AS already
  FROM carts c LEFT JOIN products p ON p.sku = $2::text WHERE c.id = $1::text
), added AS (
  INSERT INTO cart_items (cart_id, sku, quantity, unit_price_minor)
  SELECT $1::text, $2::text, $3::int8, price_minor FROM found
  WHERE price_currency = currency AND COALESCE(already, 0) + $3::int8 <= stock
  ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity,
    unit_price_minor = EXCLUDED.unit_price_minor
  RETURNING sku, quantity, unit_price_minor
), lines AS (
  SELECT sku, quantity, unit_price_minor FROM added
  UNION ALL
  SELECT sku, quantity, unit_price_minor FROM cart_items
  WHERE cart_id = $1::text AND sku <> $2::text AND EXISTS (SELECT 1 FROM added)
)
SELECT f.currency, f.price_minor, f.price_currency, f.stock, f.already, EXISTS (SELECT 1 FROM added) AS added,
  l.sku, l.quantity, l.unit_price_minor
FROM found f LEFT JOIN lines l ON true
ORDER BY l.sku`
