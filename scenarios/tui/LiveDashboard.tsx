import { Box, Static, Text } from 'ink'
import type { LiveStats } from '../load/load-driver.js'

const BARS = '▁▂▃▄▅▆▇█'

/** A sparkline of the last values, scaled to their own maximum. */
export function sparkline(values: number[], width = 30): string {
  const tail = values.slice(-width)
  const max = Math.max(1, ...tail)
  return tail.map((v) => BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))]).join('')
}

/** What is happening now: the phase, the rate, outcomes, latency, and the events so far. */
export function LiveDashboard(props: { scenario: string; events: string[]; history: LiveStats[] }) {
  const now = props.history.at(-1)
  return (
    <Box flexDirection="column">
      <Static items={props.events.map((e, i) => ({ e, i }))}>
        {({ e, i }) => (
          <Text key={i} dimColor>
            · {e}
          </Text>
        )}
      </Static>
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text bold>
          {props.scenario} {now ? `— ${now.phase}, ${(now.atMs / 1000).toFixed(0)} s` : '— starting…'}
        </Text>
        {now && (
          <>
            <Text>
              rate {now.startedPerS.toFixed(1)}/s in flight {now.inFlight} ok{' '}
              <Text color="green">{now.ok}</Text> fail{' '}
              <Text color={now.fail ? 'red' : 'green'}>{now.fail}</Text> indeterminate{' '}
              <Text color={now.info ? 'yellow' : 'green'}>{now.info}</Text>
            </Text>
            <Text>
              p50 {now.p50Ms.toFixed(1)} ms p99 {now.p99Ms.toFixed(1)} ms p99 trend{' '}
              {sparkline(props.history.map((h) => h.p99Ms))}
            </Text>
          </>
        )}
        <Text dimColor>q to stop (faults are healed and a report is written)</Text>
      </Box>
    </Box>
  )
}
