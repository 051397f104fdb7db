/** A paid order a later `refund` journey may take back in full. */
export interface PaidOrder {
  id: string
  amountMinor: number
}

/**
 * The orders a run's checkouts placed, for its `status` and `refund` journeys. Bounded: it keeps
 * the last `capacity` placed and the last `capacity` paid and not yet taken, so a long run's
 * memory never grows with it.
 */
export interface OrderMemory {
  /** An order a checkout placed (whatever became of it: a declined order can be looked up too). */
  placed(orderId: string): void
  /** An order a checkout saw paid, whole (no refund of it sent yet). */
  paid(order: PaidOrder): void
  /** One of the remembered placed orders, chosen by `pick` (a journey's index); none before the first. */
  pickPlaced(pick: number): string | undefined
  /** The oldest remembered paid order, forgotten as it is handed out: each is taken at most once. */
  takePaid(): PaidOrder | undefined
}

/** @default capacity 1,024 of each */
export function createOrderMemory(capacity = 1_024): OrderMemory {
  const placed = ring<string>(capacity)
  const paid = ring<PaidOrder>(capacity)
  return {
    placed: (orderId) => placed.push(orderId),
    paid: (order) => paid.push(order),
    pickPlaced: (pick) => (placed.size() === 0 ? undefined : placed.at(Math.abs(pick) % placed.size())),
    takePaid: () => paid.shift(),
  }
}

/** A fixed-size FIFO: pushing past `capacity` forgets the oldest. */
function ring<T>(capacity: number) {
  const items: (T | undefined)[] = new Array<T | undefined>(capacity)
  let start = 0
  let size = 0
  return {
    size: () => size,
    push(item: T): void {
      items[(start + size) % capacity] = item
      if (size < capacity) size++
      else start = (start + 1) % capacity
    },
    at: (i: number): T | undefined => (i < size ? items[(start + i) % capacity] : undefined),
    shift(): T | undefined {
      if (size === 0) return undefined
      const item = items[start]
      items[start] = undefined
      start = (start + 1) % capacity
      size--
      return item
    },
  }
}
