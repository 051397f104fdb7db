import { describe, expect, it } from 'vitest'
import { aVarietyOfReports } from '../../reports/testing/report-variety.js'
import { stepResult } from './step-result.js'

describe('stepResult', () => {
  const reports = aVarietyOfReports()

  it('carries every SLO of the report with its actual and threshold', () => {
    for (const report of Object.values(reports)) {
      const step = stepResult(20, report)
      expect(step.slos.map((s) => [s.name, s.threshold, s.passed])).toEqual(
        report.slos.map((s) => [s.name, s.threshold, s.pass]),
      )
      expect(step.achievedRate).toBe(report.load.achievedRate)
      expect(step.latencyP99).toBe(report.latencyMs?.p99)
    }
  })

  it('passes on the SLOs alone and records integrity apart', () => {
    for (const report of Object.values(reports)) {
      const step = stepResult(20, report)
      expect(step.integrityPassed).toBe(report.integrity.pass)
      if (!report.interrupted) expect(step.passed).toBe(report.slos.every((s) => s.pass))
      else expect(step).toMatchObject({ passed: false, interrupted: true })
    }
  })

  it('weighs availability by the checkouts each phase attempted', () => {
    for (const report of Object.values(reports)) {
      const step = stepResult(20, report)
      if (step.availability !== undefined) {
        expect(step.availability).toBeGreaterThanOrEqual(0)
        expect(step.availability).toBeLessThanOrEqual(1)
      }
    }
  })
})
