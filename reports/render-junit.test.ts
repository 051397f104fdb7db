import { describe, expect, it } from 'vitest'

import { analyze } from './analyze.js'
import { renderJunit } from './render-junit.js'
import { aRunRecord, isoAt, ledgerOf } from './testing/run-record-factory.js'
import { xmlProblems } from './testing/xml-well-formed.js'
import type { RunRecord } from './types.js'

function failingRun(): RunRecord {
  const record = aRunRecord()
  record.scenario = 'psp-lost-response & <friends>'
  record.slos = [
    {
      name: 'p99 "fast"',
      metric: 'latency.p99',
      comparator: '<=',
      threshold: 10,
      unit: 'ms',
      phase: 'steady',
    },
    { name: 'availability', metric: 'availability', comparator: '>=', threshold: 0.99, unit: 'ratio' },
  ]
  const capture = ledgerOf(record).find((entry) => entry.id === 'ch_1')!
  ledgerOf(record).push({ ...capture, id: 'ch_1b', paymentIntentId: 'pi_1b', createdAt: isoAt(500) })
  return record
}

const count = (xml: string, needle: string) => xml.split(needle).length - 1

describe('renderJunit', () => {
  it('writes well-formed XML even when names carry markup', () => {
    const xml = renderJunit(analyze(failingRun()))
    expect(xmlProblems(xml)).toEqual([])
    expect(xml).toContain('name="gameday psp-lost-response &amp; &lt;friends&gt;"')
  })

  it('has one testsuite per group and one testcase per SLO and check', () => {
    const xml = renderJunit(analyze(failingRun()))
    expect(count(xml, '<testsuite ')).toBe(2)
    expect(count(xml, '<testcase ')).toBe(2 + 14)
    expect(xml).toMatch(/<testsuite name="slos" tests="2" failures="1"/)
  })

  it('marks failing SLOs and checks with <failure> and skipped checks with <skipped>', () => {
    const xml = renderJunit(analyze(failingRun()))
    // p99 SLO, duplicate charges, money conservation
    expect(count(xml, '<failure ')).toBe(3)
    expect(count(xml, '<skipped ')).toBe(4)
    expect(xml).toContain('<failure message="duplicate charges: 1"')
    expect(xml).toContain('capture ch_1b of pi_1b')
    expect(xml).toMatch(/<testsuites [^>]*tests="16" failures="3" skipped="4"/)
  })

  it('has no failures for a passing run', () => {
    const xml = renderJunit(analyze(aRunRecord()))
    expect(count(xml, '<failure ')).toBe(0)
    expect(xmlProblems(xml)).toEqual([])
  })
})

describe('renderJunit of an interrupted run', () => {
  it('adds an error a CI dashboard shows, and stays well-formed', () => {
    const xml = renderJunit(analyze({ ...aRunRecord(), interrupted: true }))
    expect(xml).toContain('<error message="interrupted after')
    expect(xml).toMatch(/<testsuites [^>]*errors="1"/)
    expect(xmlProblems(xml)).toEqual([])
  })

  it('has no error case when the run went to the end', () => {
    const xml = renderJunit(analyze(aRunRecord()))
    expect(xml).not.toContain('<error')
    expect(xml).toMatch(/<testsuites [^>]*errors="0"/)
  })
})

describe('renderJunit under --no-slos', () => {
  it('writes each SLO as a skipped case that says what it measured, never a failure', () => {
    const record = aRunRecord()
    record.slos = [{ name: 'p99', metric: 'latency.p99', comparator: '<=', threshold: 10, unit: 'ms' }]
    record.slosJudged = false
    const xml = renderJunit(analyze(record))
    expect(xml).toMatch(/<testsuite name="slos" tests="1" failures="0" skipped="1"/)
    expect(xml).toMatch(/skipped message="not judged \(--no-slos\): 50 ms, target ≤ 10 ms/)
    expect(xmlProblems(xml)).toEqual([])
  })
})
