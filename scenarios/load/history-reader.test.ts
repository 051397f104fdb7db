import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HistoryRecord } from './history-records.js'
import { readBrowses, readCheckoutAttempts } from './history-reader.js'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'history-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const base = { phase: 'steady', workload: 'default', shopper: 3 }
const records: HistoryRecord[] = [
  {
    type: 'operation',
    journey: 1,
    kind: 'view',
    ...base,
    name: 'view',
    intendedStartMs: 10,
    startMs: 10.2,
    endMs: 14,
    outcome: 'info',
    detail: 'timeout',
  },
  {
    type: 'journey',
    index: 1,
    kind: 'view',
    ...base,
    intendedStartMs: 10,
    startMs: 10.2,
    endMs: 14,
    latencyMs: 4,
    outcome: { type: 'info', reason: 'timeout' },
  },
  {
    type: 'journey',
    index: 2,
    kind: 'checkout',
    ...base,
    intendedStartMs: 20,
    startMs: 20.1,
    endMs: 45,
    latencyMs: 25,
    outcome: { type: 'ok', status: 201, orderId: 'ord_2', orderStatus: 'paid' },
    idempotencyKey: 'run-2',
    tries: 2,
    freshKeys: ['run-2-r1'],
  },
  {
    type: 'journey',
    index: 0,
    kind: 'checkout',
    ...base,
    intendedStartMs: 0,
    startMs: 0.1,
    endMs: 30,
    latencyMs: 30,
    outcome: { type: 'fail', status: 402, code: 'CARD_DECLINED' },
    idempotencyKey: 'run-0',
    tries: 1,
  },
  {
    type: 'dropped',
    index: 3,
    kind: 'checkout',
    phase: 'steady',
    workload: 'default',
    intendedStartMs: 30,
    atMs: 30.1,
  },
  {
    type: 'operation',
    journey: 4,
    kind: 'browse',
    ...base,
    name: 'browse',
    intendedStartMs: 5,
    startMs: 5,
    endMs: 7,
    outcome: 'ok',
    status: 200,
  },
]
const ndjson = records.map((r) => `${JSON.stringify(r)}\n`).join('')

describe('readCheckoutAttempts', () => {
  it('reads each checkout journey as a client attempt, by intended start, dropped arrivals left out', async () => {
    const file = join(dir, 'history.ndjson')
    await writeFile(file, ndjson)
    expect(await readCheckoutAttempts(file)).toEqual([
      {
        idempotencyKey: 'run-0',
        phase: 'steady',
        workload: 'default',
        intendedStartMs: 0,
        endMs: 30,
        latencyMs: 30,
        tries: 1,
        outcome: { type: 'fail', status: 402, code: 'CARD_DECLINED' },
      },
      {
        idempotencyKey: 'run-2',
        phase: 'steady',
        workload: 'default',
        freshKeys: ['run-2-r1'],
        intendedStartMs: 20,
        endMs: 45,
        latencyMs: 25,
        tries: 2,
        outcome: { type: 'ok', status: 201, orderId: 'ord_2', orderStatus: 'paid' },
      },
    ])
  })

  it('skips a last line cut short, and refuses a damaged line elsewhere', async () => {
    const file = join(dir, 'history.ndjson')
    await writeFile(file, `${ndjson}{"type":"journey","index":9,"kind":"chec`)
    expect(await readCheckoutAttempts(file)).toHaveLength(2)
    await writeFile(file, `{"type":"jou\n${ndjson}`)
    await expect(readCheckoutAttempts(file)).rejects.toMatchObject({ code: 'HISTORY_LINE_INVALID' })
  })
})

describe('readBrowses', () => {
  it('reads every browse and view operation as a browsing request', async () => {
    const file = join(dir, 'history.ndjson')
    await writeFile(file, ndjson)
    expect(await readBrowses(file)).toEqual([
      {
        phase: 'steady',
        path: '/v1/products',
        intendedStartMs: 5,
        endMs: 7,
        latencyMs: 2,
        ok: true,
        status: 200,
      },
      {
        phase: 'steady',
        path: '/v1/products/{sku}',
        intendedStartMs: 10,
        endMs: 14,
        latencyMs: 4,
        ok: false,
        reason: 'timeout',
      },
    ])
  })
})
