import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { AttemptOutcome, BrowseRequest, ClientAttempt } from '../../reports/types.js'
import { historyMs, type HistoryRecord } from './history-records.js'

/**
 * The checkout journeys of a history file as the integrity checks take them, by intended start.
 * @example const attempts = await readCheckoutAttempts('out/history.ndjson')
 */
export async function readCheckoutAttempts(file: string): Promise<ClientAttempt[]> {
  const attempts: ClientAttempt[] = []
  for await (const record of readHistory(file)) {
    if (record.type !== 'journey' || record.kind !== 'checkout' || record.idempotencyKey === undefined)
      continue
    attempts.push({
      idempotencyKey: record.idempotencyKey,
      phase: record.phase,
      workload: record.workload,
      ...(record.freshKeys ? { freshKeys: record.freshKeys } : {}),
      intendedStartMs: record.intendedStartMs,
      endMs: record.endMs,
      latencyMs: record.latencyMs,
      tries: record.tries ?? 1,
      outcome: record.outcome as AttemptOutcome,
    })
  }
  return attempts.sort((a, b) => a.intendedStartMs - b.intendedStartMs)
}

/**
 * Every `browse` and `view` operation of a history file as a browsing request, by intended start.
 * The path is the operation's: `/v1/products`, or a product page `/v1/products/{sku}` (the SKU is
 * the player's, not recorded).
 * @example const browses = await readBrowses('out/history.ndjson')
 */
export async function readBrowses(file: string): Promise<BrowseRequest[]> {
  const browses: BrowseRequest[] = []
  for await (const record of readHistory(file)) {
    if (record.type !== 'operation' || (record.name !== 'browse' && record.name !== 'view')) continue
    browses.push({
      phase: record.phase,
      path: record.name === 'browse' ? '/v1/products' : '/v1/products/{sku}',
      intendedStartMs: record.intendedStartMs,
      endMs: record.endMs,
      latencyMs: historyMs(record.endMs - record.intendedStartMs),
      ok: record.outcome === 'ok',
      ...(record.status !== undefined ? { status: record.status } : {}),
      ...(record.detail !== undefined ? { reason: record.detail } : {}),
    })
  }
  return browses.sort((a, b) => a.intendedStartMs - b.intendedStartMs)
}

/** Thrown when a line other than the last is not a JSON object: the file is damaged, not cut short. */
export class HistoryFormatError extends Error {
  readonly code = 'HISTORY_LINE_INVALID'
}

/**
 * The records of a history file, line by line (never the whole file in memory). A last line cut
 * short — the run was killed mid-write — is skipped; a bad line anywhere else throws.
 */
async function* readHistory(file: string): AsyncGenerator<HistoryRecord> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  let broken: number | undefined
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
    if (line === '') continue
    if (broken !== undefined)
      throw new HistoryFormatError(
        `Failed to read the history (${file}): line ${broken} is not a JSON object`,
      )
    const record = parse(line)
    if (record) yield record
    else broken = lineNumber
  }
}

function parse(line: string): HistoryRecord | undefined {
  try {
    const value = JSON.parse(line) as unknown
    return typeof value === 'object' && value !== null && 'type' in value
      ? (value as HistoryRecord)
      : undefined
  } catch {
    return undefined
  }
}
