import { describe, expect, it } from 'vitest'
import { manualClock } from '../../lib/clock.js'
import { FaultModel } from '../faults/fault-model.js'
import { createSimulatorHandle } from './simulator-handle.js'

const handle = createSimulatorHandle({
  admin: [{ method: 'GET', path: '/__admin/ledger', handle: () => Response.json({ entries: [] }) }],
  vendor: [{ method: 'GET', path: '/v1/ping', handle: () => Response.json({ ok: true }) }],
  faults: new FaultModel({ seed: 1, stream: 'test', clock: manualClock() }),
  shape: {
    errorResponse: ({ status }) => new Response(null, { status }),
    decodeBody: () => undefined,
    notFound: () => new Response('nope', { status: 404 }),
    tooLarge: () => new Response('big', { status: 413 }),
  },
})

describe('createSimulatorHandle', () => {
  it('answers the admin API to loopback clients only', async () => {
    const ask = (remoteAddress: string): Promise<Response> =>
      handle(new Request('http://sim/__admin/ledger'), { remoteAddress, bodyTooLarge: false })
    expect((await ask('127.0.0.1')).status).toBe(200)
    expect((await ask('::1')).status).toBe(200)
    expect((await ask('10.1.2.3')).status).toBe(403)
  })

  it('serves the vendor API to anyone, refuses oversized bodies, and 404s unknown routes', async () => {
    const info = { remoteAddress: '10.1.2.3', bodyTooLarge: false }
    expect((await handle(new Request('http://sim/v1/ping'), info)).status).toBe(200)
    expect((await handle(new Request('http://sim/v1/ping'), { ...info, bodyTooLarge: true })).status).toBe(
      413,
    )
    expect((await handle(new Request('http://sim/v1/other'), info)).status).toBe(404)
  })
})
