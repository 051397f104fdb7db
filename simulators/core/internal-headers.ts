/**
 * Response headers a handler or the fault layer uses to tell the HTTP adapter something it
 * cannot say with a plain `Response`. The adapter removes them before anything reaches a client.
 */
export const internalHeaders = {
  /** `new`: this response is the result of an operation performed now (not a replay, not a read). */
  operation: 'x-gameday-operation',
  /** Present: send the headers and half the body, then close the socket. */
  truncate: 'x-gameday-truncate',
} as const
