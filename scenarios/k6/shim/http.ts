import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import { shimState } from './state.js'

/** `k6/http`'s Params, the part the shim reads. */
export interface Params {
  headers?: Record<string, string>
  tags?: Record<string, string>
  /** `'10s'`, `'1500ms'`, or ms. @default 60 s, as k6's */
  timeout?: string | number
}

interface WireRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
  timeoutMs: number
}

interface WireResponse {
  status: number
  body: string | null
  error: string
}

/** A k6 `Response`, the part an exported script reads. */
export type Response = WireResponse

type Body = string | null | undefined
/** k6's object form of a batched request, the one an exported script sends. */
interface BatchRequest {
  method: string
  url: string
  body?: Body
  params?: Params
}

export function request(method: string, url: string, body?: Body, params?: Params): Response {
  return send([{ method, url, body, params }])[0] as Response
}

/** Sent at once, answered in order. */
export function batch(requests: BatchRequest[]): Response[] {
  return send(requests)
}

/** Accepted and ignored: the shim records statuses, not k6's http_req_failed. */
export function setResponseCallback(_callback: unknown): void {}

export function expectedStatuses(...statuses: Array<number | { min: number; max: number }>): unknown {
  return statuses
}

export default { request, batch, setResponseCallback, expectedStatuses }

function send(requests: readonly BatchRequest[]): Response[] {
  const wire: WireRequest[] = requests.map(({ method, url, body, params }) => ({
    method: method.toUpperCase(),
    url,
    headers: { ...params?.headers },
    body: body ?? null,
    timeoutMs: timeoutMs(params?.timeout),
  }))
  const answers = callSync(wire)
  const state = shimState()
  answers.forEach((answer, i) => {
    const req = wire[i] as WireRequest
    state.requests.push({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body,
      tags: { ...state.scenario.tags, ...requests[i]?.params?.tags },
      status: answer.status,
      scenario: state.scenario.name,
    })
  })
  return answers
}

function timeoutMs(timeout: string | number | undefined): number {
  if (typeof timeout === 'number') return timeout
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(timeout ?? '')
  if (!match) return 60_000
  return Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 } as const)[match[2] as 'ms' | 's' | 'm']
}

interface SyncChannel {
  shared: Int32Array
  port: MessagePort
  worker: Worker
}

let channel: SyncChannel | undefined

/** Blocks this thread until the worker has answered every request: k6's HTTP is synchronous. */
function callSync(requests: WireRequest[]): WireResponse[] {
  const { shared, port, worker } = (channel ??= openChannel())
  Atomics.store(shared, 0, 0)
  worker.postMessage(requests)
  const waitMs = Math.max(...requests.map((r) => r.timeoutMs)) + 5_000
  if (Atomics.wait(shared, 0, 0, waitMs) === 'timed-out')
    throw new Error('k6 shim: the HTTP worker did not answer')
  const message = receiveMessageOnPort(port)
  if (!message) throw new Error('k6 shim: the HTTP worker answered nothing')
  return message.message as WireResponse[]
}

function openChannel(): SyncChannel {
  const shared = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(new URL('./sync-fetch-worker.mjs', import.meta.url), {
    workerData: { shared, port: port2 },
    transferList: [port2],
  })
  worker.unref()
  shimState().closeWorker = async () => {
    channel = undefined
    port1.close()
    await worker.terminate()
  }
  return { shared, port: port1, worker }
}
