/** Resolves after `ms` milliseconds (real time: the injected clock only stamps records). */
export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
}

/** A promise that never settles: a real hang, held until the server closes the socket. */
export function never(): Promise<never> {
  return new Promise<never>(() => {})
}
