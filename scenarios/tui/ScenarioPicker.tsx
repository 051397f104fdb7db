import { Box, Text, useInput } from 'ink'
import { useRef, useState } from 'react'

export interface PickerRow {
  name: string
  description: string
}

/** Arrow keys (or j/k) to move, Enter to run, q to quit. */
export function ScenarioPicker(props: {
  rows: PickerRow[]
  onPick: (name: string) => void
  onQuit: () => void
}) {
  const [index, setIndex] = useState(0)
  // Enter reads the selection from a ref: ink re-subscribes the input handler only after a render
  // is committed, so an Enter that follows an arrow key quickly would see the old index.
  const selected = useRef(0)
  const move = (step: number): void => {
    const count = props.rows.length
    selected.current = (selected.current + step + count) % count
    setIndex(selected.current)
  }
  useInput((input, key) => {
    if (key.upArrow || input === 'k') move(-1)
    else if (key.downArrow || input === 'j') move(1)
    else if (key.return) {
      const row = props.rows[selected.current]
      if (row) props.onPick(row.name)
    } else if (input === 'q' || key.escape) props.onQuit()
  })
  const width = Math.max(...props.rows.map((r) => r.name.length))
  return (
    <Box flexDirection="column">
      <Text bold>Pick a game day (↑/↓, Enter to run, q to quit)</Text>
      {props.rows.map((row, i) => (
        <Text key={row.name} {...(i === index ? { color: 'cyan' } : {})}>
          {i === index ? '❯ ' : '  '}
          {row.name.padEnd(width)} <Text dimColor>{row.description}</Text>
        </Text>
      ))}
    </Box>
  )
}
