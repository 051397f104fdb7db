/*
 * Bodies handed past the WHATWG stream machinery. In Node 20 a `Request` built with a body costs
 * about 50 µs and a `Response` read back with `arrayBuffer()` about 22 µs — more than a whole PSP
 * operation — so the HTTP adapter builds body-less `Request`s and records the body text here, and
 * our responses record theirs. Handlers stay functions of a standard `Request`: for one built
 * elsewhere (an msw test, a unit test) these helpers fall back to reading the stream.
 */

const requestBodies = new WeakMap<Request, string>()
const responseBodies = new WeakMap<Response, string>()

/** Builds a `Request` whose body text travels beside it (used by the HTTP adapter). */
export function requestWithBody(
  url: string,
  init: { method: string; headers: Record<string, string> },
  text: string,
): Request {
  const request = new Request(url, init)
  requestBodies.set(request, text)
  return request
}

/** The request's body as text (consumes the stream of a request built elsewhere). */
export function bodyText(request: Request): Promise<string> {
  const text = requestBodies.get(request)
  return text !== undefined ? Promise.resolve(text) : request.text()
}

/** The request's body as text without consuming it (for fault matching before the handler). */
export function peekBodyText(request: Request): Promise<string> {
  const text = requestBodies.get(request)
  return text !== undefined ? Promise.resolve(text) : request.clone().text()
}

/*
 * Statuses whose response may not have a body: `new Response(text, …)` refuses them, so they take
 * the standard constructor and keep its error.
 */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304])

/**
 * A `Response` built without a body stream (`super(null)`: ~1 µs instead of ~13 µs and a
 * ReadableStream's garbage per response), its text held here. Whoever reads it the standard way
 * (`text()`, `json()`, `body`, `clone()` … — msw, a test) gets a real `Response` made from that
 * text on first use, so it behaves as `new Response(text, init)` would; the HTTP adapter reads
 * the text and never builds one.
 */
class TextResponse extends Response {
  readonly #text: string
  #full: Response | undefined

  constructor(text: string, init: ResponseInit) {
    super(null, init)
    this.#text = text
    // What `new Response(string)` sets when the init has no content type.
    if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8')
  }

  /** The body text, for the adapter (which writes it as it is). */
  get rawText(): string {
    return this.#text
  }

  /** The standard `Response` of the same text, built on first use and kept (it holds the stream). */
  materialized(): Response {
    this.#full ??= new Response(this.#text, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    })
    return this.#full
  }

  /** Whether the standard body was read (it only exists once materialized). */
  get used(): boolean {
    return this.#full?.bodyUsed ?? false
  }

  /** A copy with its own headers, still without a stream (or a standard clone once materialized). */
  copy(): Response {
    if (this.#full) return this.#full.clone()
    return new TextResponse(this.#text, {
      status: this.status,
      statusText: this.statusText,
      headers: new Headers(this.headers),
    })
  }
}

// The body members of `Response`, redirected to the materialized one. (Installed on the
// prototype: TypeScript types them as properties, which a subclass may not override as methods.)
const bodyMethods = ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes'].filter(
  (name) => name in Response.prototype,
)
Object.defineProperties(TextResponse.prototype, {
  body: {
    get(this: TextResponse) {
      return this.materialized().body
    },
    configurable: true,
  },
  bodyUsed: {
    get(this: TextResponse) {
      return this.used
    },
    configurable: true,
  },
  clone: {
    value(this: TextResponse) {
      return this.copy()
    },
    configurable: true,
    writable: true,
  },
  ...Object.fromEntries(
    bodyMethods.map((name) => [
      name,
      {
        value(this: TextResponse) {
          const full = this.materialized() as unknown as Record<string, () => Promise<unknown>>
          return full[name]!()
        },
        configurable: true,
        writable: true,
      },
    ]),
  ),
})

/** A text `Response` whose body the adapter can write without reading the stream. */
export function textResponse(body: string, init: ResponseInit): Response {
  if (init.status !== undefined && nullBodyStatuses.has(init.status)) {
    const response = new Response(body, init)
    responseBodies.set(response, body)
    return response
  }
  return new TextResponse(body, init)
}

/** The response's body as text (from the side channel when there is one). */
export function responseText(response: Response): Promise<string> {
  if (response instanceof TextResponse && !response.used) return Promise.resolve(response.rawText)
  const text = responseBodies.get(response)
  return text !== undefined ? Promise.resolve(text) : response.text()
}
