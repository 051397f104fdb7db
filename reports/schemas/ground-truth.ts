import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox'

import { checkShape } from './check-shape.js'
import {
  FraudDecisionSchema,
  InventoryItemSchema,
  LedgerEntrySchema,
  PlatformOrderSchema,
  PublishedEventSchema,
  ReceivedWebhookSchema,
  TaxTransactionSchema,
} from './ground-truth-schemas.js'

interface GroundTruthSource<Item extends TSchema> {
  /** Names the source in error messages. */
  source: string
  /** The admin route that lists it (GET). */
  path: string
  /** The body's key holding the list. */
  key: string
  /** One list item. */
  item: Item
}

/** Every ground-truth list a game day reads: where it comes from and the shape of one item. */
export const GROUND_TRUTH = {
  ledger: { source: 'PSP ledger', path: '/__admin/ledger', key: 'entries', item: LedgerEntrySchema },
  orders: { source: 'platform orders', path: '/__admin/orders', key: 'orders', item: PlatformOrderSchema },
  inventory: {
    source: 'platform inventory',
    path: '/__admin/inventory',
    key: 'products',
    item: InventoryItemSchema,
  },
  events: { source: 'platform events', path: '/__admin/events', key: 'events', item: PublishedEventSchema },
  webhooks: {
    source: 'platform webhooks',
    path: '/__admin/webhooks',
    key: 'events',
    item: ReceivedWebhookSchema,
  },
  taxTransactions: {
    source: 'tax transactions',
    path: '/__admin/transactions',
    key: 'transactions',
    item: TaxTransactionSchema,
  },
  fraudLedger: { source: 'fraud ledger', path: '/__admin/ledger', key: 'entries', item: FraudDecisionSchema },
} as const satisfies Record<string, GroundTruthSource<TSchema>>

/** `ledger`, `orders`, `inventory`, `events`, `webhooks`, `taxTransactions` or `fraudLedger`. */
export type GroundTruthKind = keyof typeof GROUND_TRUTH

/** One item of a ground-truth list: `GroundTruthItem<'ledger'>` is a `LedgerEntry`. */
export type GroundTruthItem<K extends GroundTruthKind> = Static<(typeof GROUND_TRUTH)[K]['item']>

// The whole body's schema per kind, built once so its compiled checker is reused.
const bodySchemas = new Map<GroundTruthKind, TObject>(
  (Object.keys(GROUND_TRUTH) as GroundTruthKind[]).map((kind) => {
    const { key, item } = GROUND_TRUTH[kind]
    return [kind, Type.Object({ [key]: Type.Array(item) })]
  }),
)

/**
 * Unwraps a ground-truth body (`{ entries: [...] }` from the PSP's `/__admin/ledger`,
 * `{ orders: [...] }` from the platform's `/__admin/orders`, …) into its list, checking every
 * item against its schema. Fields the schema does not name are kept.
 * @throws WireShapeError (`code: 'WIRE_SHAPE_MISMATCH'`) naming the source, the field's path and
 * what was expected: `PSP ledger: /entries/3/amount: Expected integer`.
 * @example const ledger = readGroundTruth('ledger', await res.body.json()) // LedgerEntry[]
 */
export function readGroundTruth<K extends GroundTruthKind>(kind: K, body: unknown): GroundTruthItem<K>[] {
  const { source, key } = GROUND_TRUTH[kind]
  const schema = bodySchemas.get(kind) as TObject
  const checked = checkShape(schema, body, source) as Record<string, GroundTruthItem<K>[]>
  return checked[key] as GroundTruthItem<K>[]
}
