/**
 * The exported script's fixed part: the six journeys as gameday's reference client plays them
 * (scenarios/target/), in k6's synchronous HTTP. Kept as source text: the script must stand
 * alone, with nothing of this repository to import. (In this template `\${` is the script's own
 * template literal.)
 */

/** Types and the VU's memory of the orders it placed. */
export const JOURNEY_TYPES_SOURCE = `type JourneyKind = 'browse' | 'view' | 'cart' | 'checkout' | 'status' | 'refund'
type Mix = Partial<Record<JourneyKind, number>>
/** The HTTP operations a journey is made of: each request is tagged \`operation\` with one. */
type Operation = 'browse' | 'view' | 'cart' | 'item' | 'checkout' | 'status' | 'refund'

/** What \`setup()\` hands every iteration. */
interface RunData {
  runId: string
}

/** One arrival: its journey number (the baggage header's), its Idempotency-Key, its seeded draws. */
interface Arrival {
  journey: number
  key: string
  random: () => number
}

interface Call {
  method: 'GET' | 'POST'
  path: string
  /** The request's \`name\` tag: the route, so ids do not make a metric series each. */
  route: string
  operation: Operation
  body?: unknown
  headers?: Record<string, string>
}

/** An answer as the journeys judge it: status 0 when there was none (a timeout, a reset). */
interface Answer {
  status: number
  json: Record<string, unknown>
}

interface PaidOrder {
  id: string
  key: string
  amountMinor: number
}

// What this VU placed and paid: a \`status\` journey reads one of its orders, a \`refund\` journey
// refunds one of its paid orders (each once). k6 VUs share no memory, so it is per VU, where
// gameday's own driver remembers the whole run's.
const placedOrders: string[] = []
const paidOrders: PaidOrder[] = []`

/** The journeys. */
export const JOURNEYS_SOURCE = `/** Plays one arrival of a workload: its journey kind drawn by weight from the seeded source. */
function playArrival(data: RunData, mix: Mix, thinkTimeMs: number): void {
  const scenario = exec.scenario.name
  const iteration = exec.scenario.iterationInTest
  const random = mulberry32(seedOf(SEED, scenario, iteration))
  const arrival: Arrival = {
    journey: (JOURNEY_BASE[scenario] ?? 0) + iteration,
    key: \`\${data.runId}-\${scenario}-\${iteration}\`,
    random,
  }
  const kind = drawKind(mix, random)
  if (kind === 'browse') browse(arrival)
  else if (kind === 'view') view(arrival)
  else if (kind === 'cart') abandonCart(arrival)
  else if (kind === 'checkout') checkout(arrival)
  else if (kind === 'status') orderStatus(arrival)
  else refund(arrival)
  // A closed-model shopper (constant-vus) thinks before the next journey.
  if (thinkTimeMs > 0) sleep(thinkTimeMs / 1000)
}

/** The product list. */
function browse(arrival: Arrival): void {
  browsing(arrival, { method: 'GET', path: '/v1/products', route: 'GET /v1/products', operation: 'browse' })
}

/** A product page: the shopper's SKU. */
function view(arrival: Arrival): void {
  browsing(arrival, {
    method: 'GET',
    path: \`/v1/products/\${encodeURIComponent(SHOPPER.sku)}\`,
    route: 'GET /v1/products/{sku}',
    operation: 'view',
  })
}

/** A catalog read, judged as gameday judges browsing: answered 2xx or not, within the shopper's timeout. */
function browsing(arrival: Arrival, call: Call): void {
  const startMs = Date.now()
  const answer = send(arrival, 1, call)
  browseDuration.add(Date.now() - startMs)
  browseOk.add(isSuccess(answer.status))
  check(answer, { [\`\${call.operation}: 200\`]: (a) => a.status === 200 })
}

/** A cart and an item, then the shopper leaves. */
function abandonCart(arrival: Arrival): void {
  cartWithItem(arrival)
}

/**
 * Cart, item, then the checkout with an Idempotency-Key, retried with the same key while its
 * answer is unknown; then the shopper's partial refunds if \`SHOPPER.refund\` says so.
 */
function checkout(arrival: Arrival): void {
  const startMs = Date.now()
  const cartId = cartWithItem(arrival)
  if (cartId === undefined) {
    // Nothing could be bought: an attempted checkout that was not available.
    checkoutJourneyDuration.add(Date.now() - startMs)
    checkoutAvailable.add(false)
    return
  }
  // A shopper whose app makes up a fresh key for a retry (population.freshKeyRetry): the
  // duplicate charge that may follow is the client's, not the platform's.
  const freshKeys = arrival.random() < FRESH_KEY_RETRY
  const answer = sendRetried(arrival, (attempt) => ({
    method: 'POST',
    path: '/v1/checkouts',
    route: 'POST /v1/checkouts',
    operation: 'checkout',
    body: { cartId, paymentMethod: SHOPPER.paymentMethod },
    headers: {
      'idempotency-key': freshKeys && attempt > 1 ? \`\${arrival.key}-retry-\${attempt}\` : arrival.key,
    },
  }))
  checkoutJourneyDuration.add(Date.now() - startMs)
  // An issuer's decline is an answer: the checkout was available, the card was not good.
  const available = isSuccess(answer.status) || answer.status === 402
  checkoutAvailable.add(available)
  check(answer, { 'checkout: 2xx, or 402 declined': () => available })

  const order = (answer.json.order ?? {}) as {
    id?: unknown
    status?: unknown
    total?: { amountMinor?: unknown }
  }
  if (!isSuccess(answer.status) || typeof order.id !== 'string') return
  placedOrders.push(order.id)
  const amountMinor = order.total?.amountMinor
  if (order.status !== 'paid' || typeof amountMinor !== 'number') return
  const paid: PaidOrder = { id: order.id, key: arrival.key, amountMinor }
  if (!refundInParts(arrival, paid)) paidOrders.push(paid)
}

/**
 * A cart with the shopper's item in it, or undefined. A cart whose set-up was cut off (5xx, no
 * answer) is abandoned and a fresh one started: re-adding an item to a cart whose first add may
 * have landed would change what is bought.
 */
function cartWithItem(arrival: Arrival): string | undefined {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) sleep(backoffMs(attempt) / 1000)
    const last = attempt > SHOPPER.retries
    const cart = send(arrival, attempt, {
      method: 'POST',
      path: '/v1/carts',
      route: 'POST /v1/carts',
      operation: 'cart',
      body: { currency: 'usd' },
    })
    if (cart.status !== 201) {
      if (last || !isUnknown(cart.status)) return failedStep('cart: 201', cart)
      continue
    }
    const cartId = String(cart.json.id)
    const item = send(arrival, attempt, {
      method: 'POST',
      path: \`/v1/carts/\${encodeURIComponent(cartId)}/items\`,
      route: 'POST /v1/carts/{id}/items',
      operation: 'item',
      body: { sku: SHOPPER.sku, quantity: SHOPPER.quantity },
    })
    if (item.status === 200) {
      check(cart, { 'cart: 201': () => true })
      check(item, { 'item: 200': () => true })
      return cartId
    }
    if (last || !isUnknown(item.status)) return failedStep('item: 200', item)
  }
}

function failedStep(name: string, answer: Answer): undefined {
  check(answer, { [name]: () => false })
  return undefined
}

/** The status of an order this VU placed; a product page until it placed one. */
function orderStatus(arrival: Arrival): void {
  const orderId = placedOrders[Math.floor(arrival.random() * placedOrders.length)]
  if (orderId === undefined) return view(arrival)
  const answer = send(arrival, 1, {
    method: 'GET',
    path: \`/v1/orders/\${encodeURIComponent(orderId)}\`,
    route: 'GET /v1/orders/{id}',
    operation: 'status',
  })
  check(answer, { 'status: 200': (a) => a.status === 200 })
}

/** A full refund of an order this VU paid, each order at most once; a product page until one was paid. */
function refund(arrival: Arrival): void {
  const order = paidOrders.shift()
  if (order === undefined) return view(arrival)
  const answer = sendRetried(arrival, () => refundCall(order, order.amountMinor, \`\${order.key}-refund\`))
  check(answer, { 'refund: 2xx': (a) => isSuccess(a.status) })
}

/**
 * Every \`every\`-th journey asks for \`parts\` partial refunds at once, each with its own key (retried
 * with it while unknown). Parts that together ask more than was captured race: the platform must
 * refuse the excess, so their answers are not checked here — the PSP's ledger judges them.
 * Returns whether it refunded.
 */
function refundInParts(arrival: Arrival, order: PaidOrder): boolean {
  const plan = SHOPPER.refund
  if (plan === null || arrival.journey % plan.every !== 0) return false
  const amountMinor = Math.max(1, Math.floor((order.amountMinor * plan.percent) / 100))
  let pending = Array.from({ length: plan.parts }, (_, part) => part)
  for (let attempt = 1; attempt <= SHOPPER.retries + 1 && pending.length > 0; attempt++) {
    if (attempt > 1) sleep(backoffMs(attempt) / 1000)
    const answers = http.batch(
      pending.map((part) =>
        request(arrival, attempt, refundCall(order, amountMinor, \`\${order.key}-refund-\${part}\`)),
      ),
    )
    pending = pending.filter((_, i) => isUnknown(answers[i]?.status ?? 0))
  }
  return true
}

function refundCall(order: PaidOrder, amountMinor: number, key: string): Call {
  return {
    method: 'POST',
    path: \`/v1/orders/\${encodeURIComponent(order.id)}/refunds\`,
    route: 'POST /v1/orders/{id}/refunds',
    operation: 'refund',
    body: { amountMinor },
    headers: { 'idempotency-key': key },
  }
}`

/** HTTP: one request, and one retried while its answer is unknown. */
export const HTTP_SOURCE = `/** One request, as the reference client sends it: JSON, the journey's baggage, the shopper's timeout. */
function send(arrival: Arrival, attempt: number, call: Call): Answer {
  const req = request(arrival, attempt, call)
  const res = http.request(req.method, req.url, req.body, req.params)
  return { status: res.status, json: jsonOf(res.body) }
}

function request(arrival: Arrival, attempt: number, call: Call): ObjectBatchRequest {
  return {
    method: call.method,
    url: BASE_URL + call.path,
    body: call.body === undefined ? null : JSON.stringify(call.body),
    params: {
      headers: {
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        // W3C baggage: the proxy's toxicity and the vendors' fault fractions draw from it, so a
        // seed hits the same journeys (gameday.journey, .step, .attempt).
        baggage: \`gameday.journey=\${arrival.journey},gameday.step=\${call.operation},gameday.attempt=\${attempt}\`,
        ...call.headers,
      },
      tags: { operation: call.operation, name: call.route },
      timeout: \`\${SHOPPER.timeoutMs}ms\`,
    },
  }
}

/** Sends, and sends again after a backoff while the answer is unknown, up to \`SHOPPER.retries\` times. */
function sendRetried(arrival: Arrival, callFor: (attempt: number) => Call): Answer {
  let answer = send(arrival, 1, callFor(1))
  for (let attempt = 2; attempt <= SHOPPER.retries + 1 && isUnknown(answer.status); attempt++) {
    sleep(backoffMs(attempt) / 1000)
    answer = send(arrival, attempt, callFor(attempt))
  }
  return answer
}

/** No answer (0: a timeout, a reset), 409 (the same key still in flight) or any 5xx: it may have happened. */
function isUnknown(status: number): boolean {
  return status === 0 || status === 409 || status >= 500
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/** Exponential from 200 ms, capped at 1 s: a shopper's patience, not a thundering herd. */
function backoffMs(attempt: number): number {
  return Math.min(1000, 50 * 2 ** attempt)
}

/** A truncated or non-JSON answer is judged by its status alone. */
function jsonOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'string' || body === '') return {}
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}`

/** The seeded draw: k6 has Math.random only, and a seed should replay the same journeys. */
export const RANDOM_SOURCE = `/** The journey kind, drawn by weight (kinds in a fixed order, so a seed draws the same). */
function drawKind(mix: Mix, random: () => number): JourneyKind {
  const kinds = (Object.keys(mix) as JourneyKind[]).filter((kind) => (mix[kind] ?? 0) > 0).sort()
  const total = kinds.reduce((sum, kind) => sum + (mix[kind] ?? 0), 0)
  let x = random() * total
  for (const kind of kinds) {
    x -= mix[kind] ?? 0
    if (x < 0) return kind
  }
  return kinds[kinds.length - 1] ?? 'checkout'
}

/** One seed per (run seed, k6 scenario, iteration): FNV-1a over the three. */
function seedOf(seed: number, scenario: string, iteration: number): number {
  let hash = 0x811c9dc5
  const text = \`\${seed}/\${scenario}/\${iteration}\`
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a tiny seeded generator of floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}`
