import { render } from 'ink-testing-library'
import { describe, expect, it, vi } from 'vitest'
import { GameDayApp, type RunScenario } from './GameDayApp.js'
import { sparkline } from './LiveDashboard.js'

const rows = [
  { name: 'baseline', description: 'steady' },
  { name: 'psp-latency-spike', description: 'slow PSP' },
]
const tick = () => new Promise((r) => setTimeout(r, 30))
/** Retries `assertion` until it holds (a busy machine renders late), for up to 4 s. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 4_000, interval: 10 })
const stats = {
  atMs: 1_000,
  phase: 'steady',
  inFlight: 2,
  dropped: 0,
  lagP99Ms: 0.3,
  attempted: 10,
  ok: 9,
  fail: 0,
  info: 1,
  startedPerS: 10,
  p50Ms: 12,
  p99Ms: 40,
}

describe('GameDayApp', () => {
  it('runs the scenario picked with the arrow keys and shows its live figures, then the verdict', async () => {
    let finish!: (v: { verdict: 'pass' | 'fail'; summary: string; interrupted?: boolean }) => void
    const picked: string[] = []
    const runScenario: RunScenario = (name, hooks) => {
      picked.push(name)
      hooks.onEvent('phase steady')
      hooks.onLive(stats)
      return new Promise((resolve) => (finish = resolve))
    }
    const ui = render(<GameDayApp rows={rows} runScenario={runScenario} />)
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ baseline/))
    ui.stdin.write('\u001B[B') // arrow down
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ psp-latency-spike/))
    ui.stdin.write('\r')
    await eventually(() => expect(picked).toEqual(['psp-latency-spike']))
    await eventually(() => expect(ui.lastFrame()).toMatch(/indeterminate 1/))
    expect(ui.lastFrame()).toMatch(/p99 40\.0 ms/)
    finish({ verdict: 'fail', summary: 'SLO p99 during the spike failed' })
    await eventually(() => expect(ui.lastFrame()).toMatch(/psp-latency-spike: FAIL/))
    ui.unmount()
  })

  it('runs the scenario an arrow key moved to even when Enter follows before the next render', async () => {
    const picked: string[] = []
    const ui = render(
      <GameDayApp
        rows={rows}
        runScenario={(name) => {
          picked.push(name)
          return new Promise(() => {})
        }}
      />,
    )
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ baseline/))
    ui.stdin.write('\u001B[B')
    ui.stdin.write('\r')
    await eventually(() => expect(picked).toEqual(['psp-latency-spike']))
    ui.unmount()
  })

  it('aborts the run when q is pressed while it runs', async () => {
    let signal: AbortSignal | undefined
    const runScenario: RunScenario = (_name, hooks) => {
      signal = hooks.signal
      return new Promise((resolve) =>
        hooks.signal.addEventListener('abort', () => resolve({ verdict: 'fail', summary: 'interrupted' })),
      )
    }
    const ui = render(<GameDayApp rows={rows} runScenario={runScenario} />)
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ baseline/))
    ui.stdin.write('\r')
    await eventually(() => expect(ui.lastFrame()).toMatch(/q to stop/))
    ui.stdin.write('q')
    await eventually(() => expect(signal?.aborted).toBe(true))
    await eventually(() => expect(ui.lastFrame()).toMatch(/baseline: FAIL/))
    ui.unmount()
  })
})

describe('GameDayApp and Ctrl-C', () => {
  it('stops a run on the first Ctrl-C and shows its report; the second quits at once', async () => {
    let signal: AbortSignal | undefined
    let quitNow = 0
    let finish!: (v: { verdict: 'pass' | 'fail'; summary: string; interrupted?: boolean }) => void
    const runScenario: RunScenario = (_name, hooks) => {
      signal = hooks.signal
      return new Promise((resolve) => (finish = resolve))
    }
    const ui = render(<GameDayApp rows={rows} runScenario={runScenario} onQuitNow={() => quitNow++} />)
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ baseline/))
    ui.stdin.write('\r')
    await eventually(() => expect(ui.lastFrame()).toMatch(/q to stop/))
    ui.stdin.write('\u0003')
    await eventually(() => expect(signal?.aborted).toBe(true))
    expect(quitNow).toBe(0)
    ui.stdin.write('\u0003')
    await eventually(() => expect(quitNow).toBe(1))
    finish({ verdict: 'pass', summary: 'report of 3 s', interrupted: true })
    await eventually(() => expect(ui.lastFrame()).toMatch(/report of 3 s/))
    expect(ui.lastFrame()).toMatch(/baseline: PASS \(interrupted: the figures cover the part that ran\)/)
    ui.unmount()
  })

  it('quits on Ctrl-C while picking', async () => {
    const ui = render(<GameDayApp rows={rows} runScenario={() => new Promise(() => {})} />)
    await eventually(() => expect(ui.lastFrame()).toMatch(/❯ baseline/))
    ui.stdin.write('\u0003')
    await tick()
    // An app that has exited renders nothing more: the picker's cursor no longer moves.
    const before = ui.lastFrame()
    ui.stdin.write('\u001B[B')
    await tick()
    expect(ui.lastFrame()).toBe(before)
    ui.unmount()
  })
})

describe('sparkline', () => {
  it('scales values to eight levels of their maximum', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▄█')
  })
})
