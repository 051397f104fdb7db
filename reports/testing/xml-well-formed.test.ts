import { describe, expect, it } from 'vitest'

import { xmlProblems } from './xml-well-formed.js'

describe('xmlProblems', () => {
  it('accepts well-formed XML', () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1"><b/><c>t &amp; u</c></a>')).toEqual([])
  })

  it('catches a tag closed out of order, an unclosed tag, a bare < or & and two roots', () => {
    expect(xmlProblems('<a><b></a></b>')).not.toEqual([])
    expect(xmlProblems('<a><b></b>')).toContain('unclosed: a')
    expect(xmlProblems('<a>1 < 2</a>')).not.toEqual([])
    expect(xmlProblems('<a>fish & chips</a>')).not.toEqual([])
    expect(xmlProblems('<a/><b/>')).toContain('expected one root element, found 2')
  })
})
