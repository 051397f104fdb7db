import { describe, expect, it } from 'vitest'

import * as reports from './index.js'

describe('reports public surface', () => {
  it('exports analyze, the renderers, writeReports and the wire contracts', () => {
    expect(Object.keys(reports).sort()).toEqual([
      'GROUND_TRUTH',
      'LATENCY_METHOD',
      'ReportSchema',
      'WireShapeError',
      'analyze',
      'checkShape',
      'readGroundTruth',
      'renderHtml',
      'renderJson',
      'renderJunit',
      'renderMarkdown',
      'renderTerminal',
      'reportJsonSchema',
      'validateReport',
      'writeReports',
    ])
  })
})
