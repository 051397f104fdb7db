import { describe, expect, it } from 'vitest'

import { readPublishedReportSchema } from '../testing/report-schema-file.js'
import { REPORT_SCHEMA_ID, reportJsonSchema, WRITE_REPORT_SCHEMA_COMMAND } from './report-json-schema.js'

describe('docs/report.schema.json', () => {
  it('is what ReportSchema generates', () => {
    const published = readPublishedReportSchema()
    const generated = reportJsonSchema()
    expect(
      published,
      `docs/report.schema.json is out of date: run \`${WRITE_REPORT_SCHEMA_COMMAND}\` and commit the result`,
    ).toEqual(generated)
  })

  it('names itself and the draft it follows', () => {
    expect(reportJsonSchema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: REPORT_SCHEMA_ID,
      title: expect.stringContaining('report.json'),
      description: expect.stringContaining(WRITE_REPORT_SCHEMA_COMMAND),
      type: 'object',
    })
  })
})
