/* global fetch, AbortSignal */
// The k6 shim's HTTP, in a worker: the shim's caller blocks on `shared` (Atomics.wait) until
// these requests are answered, which is how k6's synchronous http.* is had in Node.
import { parentPort, workerData } from 'node:worker_threads'

const { shared, port } = workerData

parentPort.on('message', async (requests) => {
  const responses = await Promise.all(requests.map(send))
  port.postMessage(responses)
  Atomics.store(shared, 0, 1)
  Atomics.notify(shared, 0)
})

async function send({ method, url, headers, body, timeoutMs }) {
  try {
    const res = await fetch(url, {
      method,
      headers,
      body: body ?? undefined,
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    return { status: res.status, body: text, error: '' }
  } catch (error) {
    const cause = error?.cause?.code ?? error?.name ?? String(error)
    return { status: 0, body: null, error: String(cause) }
  }
}
