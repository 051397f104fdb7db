import { Box, Text, useInput } from 'ink'
import { useState } from 'react'

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
  useInput((input, key) => {
    if (key.upArrow || input === 'k') setIndex((i) => (i + props.rows.length - 1) % props.rows.length)
    else if (key.downArrow || input === 'j') setIndex((i) => (i + 1) % props.rows.length)
    else if (key.return) {
      const row = props.rows[index]
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
