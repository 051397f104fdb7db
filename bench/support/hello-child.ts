// A node:http hello-world on 127.0.0.1 in a process of its own (started with startLineChild), so
// its CPU is never charged to the load generator. Commands: `{ "cmd": "cpu" }` → its CPU µs so
// far and the requests it served.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveLines } from './line-child.js'

let requests = 0
const server = createServer((_request, response) => {
  requests++
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' })
  response.end('hello')
})
server.keepAliveTimeout = 60_000
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

await serveLines({ port: (server.address() as AddressInfo).port }, async (command) => {
  if (command.cmd !== 'cpu') throw new Error(`unknown command ${JSON.stringify(command)}`)
  const usage = process.cpuUsage()
  return { cpuUs: usage.user + usage.system, requests }
})
