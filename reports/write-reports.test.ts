import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { publishedSchemaErrors } from './testing/report-schema-file.js'
import { aRunRecord } from './testing/run-record-factory.js'
import { writeReports } from './write-reports.js'

describe('writeReports', () => {
  let dir: string | undefined

  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('writes the four reports into a directory it creates', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gameday-reports-'))
    const outDir = join(dir, 'nested', 'run')
    const report = analyze(aRunRecord())
    const { files } = await writeReports(report, outDir)
    expect(files.map((file) => file.slice(outDir.length + 1))).toEqual([
      'report.json',
      'report.md',
      'junit.xml',
      'report.html',
    ])
    const json = await readFile(join(outDir, 'report.json'), 'utf8')
    expect(JSON.parse(json)).toEqual(report)
    expect(publishedSchemaErrors(json)).toEqual([])
    expect(await readFile(join(outDir, 'junit.xml'), 'utf8')).toContain('<testsuites ')
  })
})
