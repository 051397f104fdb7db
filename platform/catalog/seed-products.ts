/** A product as seeded into a fresh database. */
export interface SeedProduct {
  sku: string
  name: string
  priceMinor: number
  currency: 'usd'
  stock: number
}

/** The SKU with little stock, for flash-sale scenarios (oversell checks). */
export const SCARCE_SKU = 'sku_limited_sneaker'

/** Stock of {@link SCARCE_SKU} in a fresh database. */
export const SCARCE_STOCK = 100

/**
 * The small USD catalog every run starts with: stock large enough for load, plus one scarce SKU.
 * Part of the migrations, so changing it rebuilds the cached database template.
 */
export const SEED_PRODUCTS: readonly SeedProduct[] = [
  { sku: 'sku_tshirt', name: 'Gameday T-shirt', priceMinor: 2500, currency: 'usd', stock: 1_000_000 },
  { sku: 'sku_mug', name: 'Incident mug', priceMinor: 1200, currency: 'usd', stock: 1_000_000 },
  { sku: 'sku_hoodie', name: 'On-call hoodie', priceMinor: 5500, currency: 'usd', stock: 1_000_000 },
  { sku: 'sku_socks', name: 'Chaos socks', priceMinor: 900, currency: 'usd', stock: 1_000_000 },
  { sku: 'sku_sticker', name: 'Runbook sticker', priceMinor: 199, currency: 'usd', stock: 1_000_000 },
  { sku: SCARCE_SKU, name: 'Limited sneaker', priceMinor: 18000, currency: 'usd', stock: SCARCE_STOCK },
]
