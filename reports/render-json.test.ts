import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderJson } from './render-json.js'
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
})
