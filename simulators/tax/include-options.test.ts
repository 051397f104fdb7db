import { describe, expect, it } from 'vitest'
import { includeAll, includeNone, parseInclude } from './include-options.js'

describe('parseInclude', () => {
  it('answers the default when $include is absent or empty', () => {
    expect(parseInclude(null, includeAll)).toEqual(includeAll)
    expect(parseInclude(' ', includeNone)).toEqual(includeNone)
  })

  it('reads the words in any case, with their implications', () => {
    expect(parseInclude('summary', includeNone)).toEqual({
      lines: true,
      details: true,
      summary: true,
      addresses: false,
    })
    expect(parseInclude('Details,Addresses', includeNone)).toEqual({
      lines: true,
      details: true,
      summary: false,
      addresses: true,
    })
    expect(parseInclude('Lines', includeAll)).toEqual({
      lines: true,
      details: false,
      summary: false,
      addresses: false,
    })
  })

  it('drops lines for SummaryOnly and details for LinesOnly', () => {
    expect(parseInclude('SummaryOnly', includeNone)).toEqual({
      lines: false,
      details: false,
      summary: true,
      addresses: false,
    })
    expect(parseInclude('LinesOnly,Summary', includeNone)).toMatchObject({ lines: true, details: false })
  })
})
