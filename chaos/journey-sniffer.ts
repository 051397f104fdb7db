import { journeyFromHttpHead, type JourneyContext } from '../lib/journey-context.js'

/** journeyFromHttpHead reads no further than this. */
const maxHeadBytes = 8192

/** An HTTP request starts with a method token and a space (`GET `, `POST `…). */
const methodStart = /^[A-Z]{1,20}(?: |$)/

/**
 * Reads the journey context of a connection from the first bytes its client sends: the `baggage`
 * header of the first HTTP request (lib/journey-context.ts). It has an answer once the request head
 * is complete (blank line or 8 KiB), the bytes are not HTTP, or {@link finish} says no more are
 * coming first; until then it keeps the bytes seen.
 * @example
 * const sniffer = new JourneySniffer()
 * sniffer.feed(Buffer.from('GET / HTTP/1.1\r\nbaggage: gameday.journey=17\r\n\r\n'))
 * sniffer.resolved // true; sniffer.context → { journey: 17 }
 */
export class JourneySniffer {
  private head: Buffer | undefined
  private done = false
  /** The first request's head, kept unparsed until a toxic's draw asks for the journey. */
  private seen: Buffer | undefined
  private parsed = false
  private journey: JourneyContext | undefined

  /** @param onResolved called once, when the answer is known */
  constructor(private readonly onResolved: () => void = () => undefined) {}

  /** True once the context (or its absence) is known. */
  get resolved(): boolean {
    return this.done
  }

  /**
   * The journey of the connection's first request; undefined without one (or until resolved).
   * Parsed on first read: a link with no toxic to draw for (most of them) never pays for it.
   */
  get context(): JourneyContext | undefined {
    if (!this.parsed && this.seen !== undefined) {
      this.parsed = true
      this.journey = journeyFromHttpHead(this.seen)
      this.seen = undefined
    }
    return this.journey
  }

  /** Takes the client's next bytes (not kept beyond this call). */
  feed(chunk: Buffer): void {
    if (this.done) return
    const head = this.head === undefined ? chunk : Buffer.concat([this.head, chunk])
    if (head.length >= maxHeadBytes || isHeadComplete(head)) {
      this.resolve(head)
      return
    }
    // Borrowed read buffers are reused: keep a copy of an incomplete head.
    this.head = Buffer.from(head)
  }

  /** No more client bytes will come first (client EOF, or the server spoke first): decide from what was seen. */
  finish(): void {
    if (!this.done) this.resolve(this.head ?? Buffer.alloc(0))
  }

  private resolve(head: Buffer): void {
    this.done = true
    this.head = undefined
    // A copy of the head alone (a borrowed read buffer is reused; the body is not needed).
    const end = head.indexOf('\r\n\r\n')
    this.seen = Buffer.from(head.subarray(0, end >= 0 ? end + 4 : maxHeadBytes))
    this.onResolved()
  }
}

function isHeadComplete(head: Buffer): boolean {
  if (!methodStart.test(head.subarray(0, 21).toString('latin1'))) return true
  return head.includes('\r\n\r\n')
}
