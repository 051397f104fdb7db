import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROBLEM_CODES, problemBody, problemType } from './problem.js'

describe('problem codes', () => {
  it('documents every code with its status in platform/README.md', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    for (const [code, { status }] of Object.entries(PROBLEM_CODES)) {
      expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`))
    }
  })

  it('builds RFC 9457 bodies with extension members', () => {
    expect(problemBody('CARD_DECLINED', 'no', { orderId: 'ord_1' })).toEqual({
      type: problemType('CARD_DECLINED'),
      title: 'The card was declined',
      status: 402,
      detail: 'no',
      code: 'CARD_DECLINED',
      orderId: 'ord_1',
    })
  })
})
