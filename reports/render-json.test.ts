import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderJson } from './render-json.js'
import { validateReport } from './schemas/validate-report.js'
import { publishedSchemaErrors } from './testing/report-schema-file.js'
import { aVarietyOfReports } from './testing/report-variety.js'
import { aRunRecord } from './testing/run-record-factory.js'

describe('renderJson', () => {
  it('parses back to the same report', () => {
    const report = analyze(aRunRecord())
    expect(JSON.parse(renderJson(report))).toEqual(report)
  })

  it('leaves absent figures absent instead of writing null', () => {
    const json = renderJson(analyze(aRunRecord()))
    expect(json).not.toContain('null')
    expect(json.endsWith('}\n')).toBe(true)
  })

  it.each(Object.entries(aVarietyOfReports()))(
    'writes the %s report as docs/report.schema.json describes',
    (_, report) => {
      const json = renderJson(report)
      expect(publishedSchemaErrors(json)).toEqual([])
      expect(validateReport(JSON.parse(json))).toEqual({ ok: true })
    },
  )
})
