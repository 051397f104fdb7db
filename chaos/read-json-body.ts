import type { IncomingMessage } from 'node:http'
import { ApiError, apiErrors } from './api-error.js'

/**
 * Reads a request body as JSON, refusing bodies over `maxBytes` (413) and invalid JSON (400
 * "bad request body: …"); an empty body is "bad request body: EOF", as Go's decoder says.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    request.resume()
    throw apiErrors.bodyTooLarge
  }
  const parts: Buffer[] = []
  let size = 0
  for await (const part of request as AsyncIterable<Buffer>) {
    size += part.length
    if (size > maxBytes) {
      request.resume()
      throw apiErrors.bodyTooLarge
    }
    parts.push(part)
  }
  const text = Buffer.concat(parts).toString('utf8')
  if (text.trim() === '') throw ApiError.join(apiErrors.badRequestBody, 'EOF')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw ApiError.join(apiErrors.badRequestBody, error instanceof Error ? error.message : 'invalid JSON')
  }
}
