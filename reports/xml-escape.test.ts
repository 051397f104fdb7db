import { describe, expect, it } from 'vitest'

import { escapeXml } from './xml-escape.js'

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('drops characters XML cannot carry and keeps tabs, newlines and emoji', () => {
    expect(escapeXml('a\u0000b\u001bc\td\ne😀\uD800')).toBe('abc\td\ne😀')
  })
})
