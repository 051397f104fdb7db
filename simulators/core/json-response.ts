import { bodyText, textResponse } from './body-channel.js'

/** A JSON response for the admin APIs. */
export function json(status: number, body: unknown): Response {
  return textResponse(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** Reads a JSON body, or undefined when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await bodyText(request)) as unknown
  } catch {
    return undefined
  }
}

/** Decodes a JSON request body; `undefined` for text that is not JSON (the handler answers 400). */
export function decodeJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
