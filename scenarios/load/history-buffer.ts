import type { HistoryRecord } from './history-records.js'

/** Bytes gathered before they go to the sink in one write. */
const FLUSH_BYTES = 64 * 1024

/**
 * The history's lines gathered into chunks, so the file stream takes one write per 64 KB (and one
 * per second) instead of one per operation. A chunk is always whole lines, each ending `\n`.
 */
export class HistoryBuffer {
  private chunk = ''

  constructor(private readonly sink: { write(line: string): void } | undefined) {}

  add(record: HistoryRecord): void {
    if (!this.sink) return
    this.chunk += `${JSON.stringify(record)}\n`
    if (this.chunk.length >= FLUSH_BYTES) this.flush()
  }

  flush(): void {
    if (!this.sink || this.chunk === '') return
    const chunk = this.chunk
    this.chunk = ''
    this.sink.write(chunk)
  }
}
