/**
 * Which journey a request belongs to, carried in a W3C `baggage` header
 * (`baggage: gameday.journey=17,gameday.step=checkout,gameday.attempt=1`).
 *
 * Fault decisions key on it: a vendor simulator's `fraction` and a proxy toxic's `toxicity` draw
 * from (run seed, rule, journey, step, attempt), so the same seed hits the same journeys whatever
 * the arrival order. Baggage is the standard carrier for this: a service instrumented with
 * OpenTelemetry passes it on to the calls it makes without knowing what it means.
 */
export interface JourneyContext {
  /** The journey's number in the run (arrival order as scheduled, not as served). */
  journey: number
  /** The step within the journey: `cart`, `checkout`, `psp.create`, … */
  step?: string
  /** 1 for the first try of a step, 2 for its first retry, … */
  attempt?: number
}

export const BAGGAGE_HEADER = 'baggage'

/** The header value for a journey context. */
export function formatJourneyBaggage(context: JourneyContext): string {
  const parts = [`gameday.journey=${context.journey}`]
  if (context.step !== undefined) parts.push(`gameday.step=${encodeURIComponent(context.step)}`)
  if (context.attempt !== undefined) parts.push(`gameday.attempt=${context.attempt}`)
  return parts.join(',')
}

/**
 * Reads a journey context out of a `baggage` header value (other members are ignored, as the
 * W3C format allows); `undefined` when there is none or it is malformed.
 */
export function parseJourneyBaggage(header: string | string[] | undefined): JourneyContext | undefined {
  if (header === undefined) return undefined
  const text = Array.isArray(header) ? header.join(',') : header
  let journey: number | undefined
  let step: string | undefined
  let attempt: number | undefined
  for (const member of text.split(',')) {
    const eq = member.indexOf('=')
    if (eq < 0) continue
    const key = member.slice(0, eq).trim()
    // A member may carry properties after ';' — they are not ours.
    const value = member
      .slice(eq + 1)
      .split(';')[0]!
      .trim()
    if (key === 'gameday.journey' && /^\d{1,15}$/.test(value)) journey = Number(value)
    else if (key === 'gameday.step' && value.length > 0 && value.length <= 64) {
      try {
        step = decodeURIComponent(value)
      } catch {
        step = undefined
      }
    } else if (key === 'gameday.attempt' && /^\d{1,6}$/.test(value)) attempt = Number(value)
  }
  if (journey === undefined) return undefined
  return { journey, ...(step !== undefined ? { step } : {}), ...(attempt !== undefined ? { attempt } : {}) }
}

/**
 * The journey context of the first HTTP request in a TCP stream's first bytes, for a proxy that
 * sees bytes, not requests. Looks only at the head (up to the blank line), at most 8 KiB.
 */
export function journeyFromHttpHead(head: Buffer): JourneyContext | undefined {
  const text = head.subarray(0, 8192).toString('latin1')
  const end = text.indexOf('\r\n\r\n')
  const lines = (end >= 0 ? text.slice(0, end) : text).split('\r\n')
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === BAGGAGE_HEADER) {
      const found = parseJourneyBaggage(line.slice(colon + 1))
      if (found) return found
    }
  }
  return undefined
}

/** The key a fault decision draws from: the same for every retry-free replay of one journey step. */
export function journeyKey(context: JourneyContext): string {
  return `${context.journey}/${context.step ?? ''}/${context.attempt ?? 1}`
}
