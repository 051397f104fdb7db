import { describe, expect, it } from 'vitest'

import * as reports from './index.js'

describe('reports public surface', () => {
  it('exports analyze, the renderers and writeReports', () => {
    expect(Object.keys(reports).sort()).toEqual([
      'LATENCY_METHOD',
      'analyze',
      'renderHtml',
      'renderJson',
      'renderJunit',
      'renderMarkdown',
      'renderTerminal',
      'writeReports',
    ])
  })
})
