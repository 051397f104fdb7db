import { Box, Text, useApp, useInput } from 'ink'
import { useCallback, useRef, useState } from 'react'
import type { LiveStats } from '../load/load-driver.js'
import { LiveDashboard } from './LiveDashboard.js'
import { ScenarioPicker, type PickerRow } from './ScenarioPicker.js'

/** What the app asks of whoever runs a game day for it (the CLI wires the real runner). */
export type RunScenario = (
  name: string,
  hooks: { onLive: (s: LiveStats) => void; onEvent: (e: string) => void; signal: AbortSignal },
) => Promise<{ verdict: 'pass' | 'fail'; summary: string; interrupted?: boolean }>

type Screen =
  | { kind: 'picking' }
  | { kind: 'running'; scenario: string; events: string[]; history: LiveStats[] }
  | { kind: 'done'; scenario: string; verdict: 'pass' | 'fail'; summary: string; interrupted?: boolean }
  | { kind: 'error'; scenario: string; message: string }

/**
 * The interactive `gameday`: pick a scenario, watch it run, read the verdict, go again.
 * Ctrl-C during a run stops it as `q` does (faults healed, children stopped, the report written
 * and shown); a second Ctrl-C calls `onQuitNow` (the CLI exits at once, its children follow).
 * Anywhere else Ctrl-C quits. Render it with `exitOnCtrlC: false`: ink's own exit would leave the
 * run going on behind the shell prompt.
 */
export function GameDayApp(props: { rows: PickerRow[]; runScenario: RunScenario; onQuitNow?: () => void }) {
  const { exit } = useApp()
  const [screen, setScreen] = useState<Screen>({ kind: 'picking' })
  const abort = useRef<AbortController | undefined>(undefined)
  // Keys are read against the screen being shown: ink re-subscribes key handlers only after a
  // render, so a key right after a change would otherwise meet the previous screen (a picker's
  // q quitting the app while its run goes on).
  const shown = useRef(screen)
  shown.current = screen

  const start = useCallback(
    (scenario: string) => {
      if (shown.current.kind !== 'picking') return
      const controller = new AbortController()
      abort.current = controller
      const running: Screen = { kind: 'running', scenario, events: [], history: [] }
      shown.current = running
      setScreen(running)
      const update = (f: (s: Extract<Screen, { kind: 'running' }>) => Screen) =>
        setScreen((s) => (s.kind === 'running' ? f(s) : s))
      props
        .runScenario(scenario, {
          onLive: (stats) => update((s) => ({ ...s, history: [...s.history.slice(-59), stats] })),
          onEvent: (e) => update((s) => ({ ...s, events: [...s.events, e] })),
          signal: controller.signal,
        })
        .then(
          (result) => setScreen({ kind: 'done', scenario, ...result }),
          (error: unknown) => setScreen({ kind: 'error', scenario, message: (error as Error).message }),
        )
    },
    [props],
  )

  useInput((input, key) => {
    const screen = shown.current
    const ctrlC = key.ctrl && input === 'c'
    if (screen.kind === 'running') {
      if (ctrlC && abort.current?.signal.aborted) props.onQuitNow?.()
      if (input === 'q' || key.escape || ctrlC) abort.current?.abort()
      return
    }
    if (ctrlC) exit()
    if ((screen.kind === 'done' || screen.kind === 'error') && input === 'q') exit()
    if ((screen.kind === 'done' || screen.kind === 'error') && input === 'r') setScreen({ kind: 'picking' })
  })

  switch (screen.kind) {
    case 'picking':
      // The picker's key handler can outlive it by a moment (see `shown`): act only while it shows.
      return (
        <ScenarioPicker
          rows={props.rows}
          onPick={start}
          onQuit={() => shown.current.kind === 'picking' && exit()}
        />
      )
    case 'running':
      return <LiveDashboard scenario={screen.scenario} events={screen.events} history={screen.history} />
    case 'done':
      return (
        <Box flexDirection="column">
          <Text>{screen.summary}</Text>
          <Text bold color={screen.verdict === 'pass' ? 'green' : 'red'}>
            {screen.scenario}: {screen.verdict.toUpperCase()}
            {screen.interrupted ? ' (interrupted: the figures cover the part that ran)' : ''} — r to pick
            another, q to quit
          </Text>
        </Box>
      )
    case 'error':
      return (
        <Text color="red">
          {screen.scenario} could not run: {screen.message} — r to pick another, q to quit
        </Text>
      )
    default: {
      const never: never = screen
      return never
    }
  }
}
