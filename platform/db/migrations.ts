import { SEED_PRODUCTS } from '../catalog/seed-products.js'

/** One schema change, applied once, in order, by {@link migrate}. */
export interface Migration {
  /** Stable and sortable: never rename one that has shipped. */
  id: string
  sql: string
}

const seedRows = SEED_PRODUCTS.map(
  (p) => `('${p.sku}', '${p.name.replace(/'/g, "''")}', ${p.priceMinor}, '${p.currency}', ${p.stock})`,
).join(',\n  ')

/**
 * The platform's schema. Timestamps come from the injected clock (never `now()`), so runs
 * replay; money is `int8` minor units.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_catalog_carts',
    sql: `
CREATE TABLE products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  price_minor int8 NOT NULL CHECK (price_minor >= 0),
  currency text NOT NULL,
  stock int8 NOT NULL
);
INSERT INTO products (sku, name, price_minor, currency, stock) VALUES
  ${seedRows};
CREATE TABLE carts (
  id text PRIMARY KEY,
  currency text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE cart_items (
  cart_id text NOT NULL REFERENCES carts (id),
  sku text NOT NULL REFERENCES products (sku),
  quantity int8 NOT NULL CHECK (quantity > 0),
  unit_price_minor int8 NOT NULL,
  PRIMARY KEY (cart_id, sku)
);`,
  },
  {
    id: '0002_orders',
    sql: `
CREATE TABLE orders (
  id text PRIMARY KEY,
  cart_id text NOT NULL,
  checkout_key text NOT NULL,
  status text NOT NULL,
  amount_minor int8 NOT NULL,
  currency text NOT NULL,
  lines jsonb NOT NULL,
  payment_method text NOT NULL,
  email text,
  payment_intent_ids text[] NOT NULL DEFAULT '{}',
  payment_intent_id text,
  failure_code text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX orders_created_at ON orders (created_at);
CREATE TABLE order_transitions (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX order_transitions_order ON order_transitions (order_id, id);`,
  },
  {
    id: '0003_idempotency_keys',
    sql: `
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  locked_at timestamptz,
  locked_by int8,
  recovery_point text NOT NULL,
  order_id text,
  response_status int,
  response_body jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);`,
  },
  {
    id: '0004_boots_webhooks',
    sql: `
CREATE TABLE platform_boots (
  id bigserial PRIMARY KEY
);
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  received_at timestamptz NOT NULL
);`,
  },
  {
    id: '0005_webhook_processing',
    sql: `
ALTER TABLE webhook_events ADD COLUMN order_id text;
ALTER TABLE webhook_events ADD COLUMN processed_count int8 NOT NULL DEFAULT 1;`,
  },
  {
    id: '0006_initial_stock',
    sql: `
ALTER TABLE products ADD COLUMN initial_stock int8;
UPDATE products SET initial_stock = stock;
ALTER TABLE products ALTER COLUMN initial_stock SET NOT NULL;`,
  },
  {
    id: '0007_outbox',
    sql: `
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  type text NOT NULL,
  order_id text NOT NULL,
  created_at timestamptz NOT NULL,
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE TABLE published_events (
  event_id text PRIMARY KEY,
  type text NOT NULL,
  order_id text NOT NULL,
  published_at timestamptz NOT NULL
);`,
  },
  {
    id: '0008_checkout_saga',
    sql: `
ALTER TABLE orders ADD COLUMN subtotal_minor int8;
ALTER TABLE orders ADD COLUMN tax_minor int8;
ALTER TABLE orders ADD COLUMN tax_estimated boolean NOT NULL DEFAULT false;
ALTER TABLE orders ADD COLUMN tax_document text NOT NULL DEFAULT 'none';
ALTER TABLE orders ADD COLUMN fraud_category text;
ALTER TABLE orders ADD COLUMN fraud_source text;`,
  },
  {
    id: '0009_refunds',
    sql: `
ALTER TABLE orders ADD COLUMN refunded_minor int8 NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0);
CREATE TABLE refunds (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  idempotency_key text NOT NULL UNIQUE,
  fingerprint text NOT NULL,
  amount_minor int8 NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  reason text,
  status text NOT NULL,
  psp_refund_id text,
  failure_code text,
  tax_adjustment text NOT NULL DEFAULT 'not_needed',
  response_status int,
  response_body jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id);
CREATE TABLE order_cancels (
  idempotency_key text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  fingerprint text NOT NULL,
  response_status int,
  response_body jsonb,
  created_at timestamptz NOT NULL
);`,
  },
  {
    id: '0010_reconciliation',
    sql: `
CREATE TABLE reconciliation_passes (
  id bigserial PRIMARY KEY,
  trigger text NOT NULL,
  started_at timestamptz NOT NULL,
  window_from timestamptz NOT NULL,
  finished_at timestamptz,
  orders_checked int8 NOT NULL DEFAULT 0,
  payments_checked int8 NOT NULL DEFAULT 0
);
CREATE TABLE reconciliation_checked (
  kind text NOT NULL,
  id text NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE reconciliation_repairs (
  id bigserial PRIMARY KEY,
  pass_id int8 NOT NULL,
  kind text NOT NULL,
  order_id text NOT NULL DEFAULT '',
  payment_intent_id text NOT NULL DEFAULT '',
  evidence jsonb NOT NULL,
  at timestamptz NOT NULL,
  UNIQUE (kind, order_id, payment_intent_id)
);
CREATE TABLE reconciliation_mismatches (
  id bigserial PRIMARY KEY,
  pass_id int8 NOT NULL,
  kind text NOT NULL,
  order_id text NOT NULL DEFAULT '',
  payment_intent_id text NOT NULL DEFAULT '',
  detail text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  resolved_at timestamptz,
  UNIQUE (kind, order_id, payment_intent_id)
);`,
  },
]
