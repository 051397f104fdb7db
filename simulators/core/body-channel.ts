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

/** A text `Response` whose body the adapter can write without reading the stream. */
export function textResponse(body: string, init: ResponseInit): Response {
  const response = new Response(body, init)
  responseBodies.set(response, body)
  return response
}

/** The response's body as text (from the side channel when there is one). */
export function responseText(response: Response): Promise<string> {
  const text = responseBodies.get(response)
  return text !== undefined ? Promise.resolve(text) : response.text()
}
