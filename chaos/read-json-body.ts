import type { IncomingMessage } from 'node:http'
import { apiError } from './api-error.js'

/**
 * Reads a request body as JSON, refusing bodies over `maxBytes` (413) and invalid JSON (400
 * "bad request body: …"); an empty body is "bad request body: EOF", as Go's decoder says.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    request.resume()
    throw apiError('BODY_TOO_LARGE')
  }
  const parts: Buffer[] = []
  let size = 0
  for await (const part of request as AsyncIterable<Buffer>) {
    size += part.length
    if (size > maxBytes) {
      request.resume()
      throw apiError('BODY_TOO_LARGE')
    }
    parts.push(part)
  }
  const text = Buffer.concat(parts).toString('utf8')
  if (text.trim() === '') throw apiError('BAD_REQUEST_BODY', 'EOF')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw apiError('BAD_REQUEST_BODY', error instanceof Error ? error.message : 'invalid JSON')
  }
}
