/** Longest message id, characters (JetStream accepts longer; both adapters hold to this so they refuse the same). */
export const MAX_MESSAGE_ID_LENGTH = 256
/** Longest subject, characters. */
export const MAX_SUBJECT_LENGTH = 256

// NATS subject tokens: no whitespace, no wildcards, no empty token.
const SUBJECT = /^[^\s.*>]+(\.[^\s.*>]+)*$/

/**
 * Why a message cannot be published (BROKER_INVALID_MESSAGE), or undefined when it can. Both
 * adapters check with this before anything goes on the wire, so a relay sees the same refusal
 * whichever broker it runs over.
 * @example invalidMessageReason({ id: '', subject: 'orders.paid' }) // 'id must be 1–256 characters'
 */
export function invalidMessageReason(message: { id: string; subject: string }): string | undefined {
  if (message.id.length === 0 || message.id.length > MAX_MESSAGE_ID_LENGTH) {
    return `id must be 1–${MAX_MESSAGE_ID_LENGTH} characters`
  }
  if (message.subject.length > MAX_SUBJECT_LENGTH || !SUBJECT.test(message.subject)) {
    return `invalid subject "${message.subject.slice(0, 64)}"`
  }
  return undefined
}

/** NATS subject matching: `*` matches one token, a final `>` one or more. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.')
  const have = subject.split('.')
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '>') return i === want.length - 1 && have.length > i
    if (i >= have.length) return false
    if (want[i] !== '*' && want[i] !== have[i]) return false
  }
  return want.length === have.length
}

/** Most deliveries one fetch asks for; a larger `max` is lowered to it (a fetch returns "up to max"). */
export const MAX_FETCH_BATCH = 256
/** Longest wait of one fetch, ms; longer is lowered to it. */
export const MAX_FETCH_EXPIRES_MS = 60_000

/**
 * A fetch's `max` and `expiresMs` as both adapters send them: `max` a whole number from 1
 * (BROKER_INVALID_REQUEST otherwise, the reason returned here) up to MAX_FETCH_BATCH, `expiresMs`
 * from 0 to MAX_FETCH_EXPIRES_MS (default 1000).
 * @example fetchLimits(500, undefined) // { max: 256, expiresMs: 1000 }
 */
export function fetchLimits(
  max: number,
  expiresMs: number | undefined,
): { max: number; expiresMs: number } | string {
  if (!Number.isSafeInteger(max) || max < 1) return `max must be a whole number from 1, got ${max}`
  const wait = expiresMs ?? 1_000
  if (!Number.isFinite(wait)) return `expiresMs must be a number, got ${wait}`
  return {
    max: Math.min(max, MAX_FETCH_BATCH),
    expiresMs: Math.min(Math.max(0, Math.round(wait)), MAX_FETCH_EXPIRES_MS),
  }
}

/** Most messages one batch publish carries (a relay pass publishes at most 100). */
export const MAX_PUBLISH_BATCH = 1_000
/**
 * Most bytes of encoded messages (base64 data, id, subject) a client puts in one batch publish,
 * beyond its first message; the server takes this much on top of its one-message body limit.
 */
export const MAX_BATCH_BODY_BYTES = 512 * 1024
/** Most sequence numbers one batch ack carries. */
export const MAX_ACK_BATCH = 1_024
