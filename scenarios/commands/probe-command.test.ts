import { describe, expect, it } from 'vitest'
import { captureIo } from './capture-io.js'
import { probeCommand } from './probe-command.js'

async function probe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, output } = captureIo()
  // A signal of its own: a test never follows the test runner's signals.
  const code = await probeCommand(args, io, { signal: new AbortController().signal })
  return { code, ...output }
}

describe('gameday probe: usage errors (exit 2, nothing run)', () => {
  it.each([
    [[], /exactly one scenario/],
    [['baseline', 'flash-sale'], /exactly one scenario/],
    [['baseline', '--nope'], /Unknown option/],
    [['baseline', '--step-duration', 'soon'], /--step-duration "soon" is not a duration/],
    [['baseline', '--max-steps', '0'], /--max-steps "0" must be a whole number/],
    [['baseline', '--max-steps', '2.5'], /--max-steps "2.5"/],
    [['baseline', '--start', '0'], /--start "0" must be a number/],
    [['baseline', '--max-rate', 'lots'], /--max-rate "lots"/],
    [['baseline', '--seed', 'x'], /--seed "x" must be a whole number/],
    [['baseline', '--env', 'no-equals'], /--env "no-equals" must be KEY=VALUE/],
    [['baseline', '--safeguard', 'nope=off'], /Unknown safeguard "nope"/],
    [['baseline', '--db', 'mysql://x'], /--db must be "embedded"/],
    [['no-such-scenario'], /Unknown scenario "no-such-scenario"/],
    [
      ['baseline', '--start', '30', '--max-rate', '10'],
      /--max-rate 10 is below the first rate probed \(30\/s\)/,
    ],
  ])('refuses %j', async (args, message) => {
    const result = await probe(...args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
  })
})
