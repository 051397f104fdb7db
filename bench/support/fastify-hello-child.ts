// A fastify hello-world on 127.0.0.1 in a process of its own: the reference a whole game day's
// capacity is read against in the same run (what one fastify route costs on this machine now).
// Commands: `{ "cmd": "cpu" }` → its CPU µs so far and the requests it served.
import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'
import { serveLines } from './line-child.js'

let requests = 0
const app = Fastify({ logger: false })
app.get('/', async () => {
  requests++
  return { hello: 'world' }
})
await app.listen({ host: '127.0.0.1', port: 0 })

await serveLines({ port: (app.server.address() as AddressInfo).port }, async (command) => {
  if (command.cmd !== 'cpu') throw new Error(`unknown command ${JSON.stringify(command)}`)
  const usage = process.cpuUsage()
  return { cpuUs: usage.user + usage.system, requests }
})
