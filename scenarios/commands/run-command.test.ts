import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openJsonLines } from './run-command.js'

const dir = mkdtempSync(join(tmpdir(), 'gameday-json-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('openJsonLines (--out json=FILE)', () => {
  it('writes one JSON object per line to every file, each on disk as soon as written', () => {
    const files = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')]
    const out = openJsonLines(files)
    const point = { atMs: 1_000, arrivals: 5, completions: 4, errors: {}, phase: 'steady' }
    out.write(point)
    expect(readFileSync(files[0] as string, 'utf8')).toBe(`${JSON.stringify(point)}\n`)
    out.write({ ...point, atMs: 2_000 })
    out.close()
    out.close()
    for (const file of files)
      expect(
        readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { atMs: number }).atMs),
      ).toEqual([1_000, 2_000])
  })

  it('throws before the run when a file cannot be opened', () => {
    expect(() => openJsonLines([join(dir, 'ok.ndjson'), join(dir, 'missing', 'x.ndjson')])).toThrow(/ENOENT/)
  })
})
