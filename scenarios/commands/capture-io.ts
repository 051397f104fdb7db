import { Writable } from 'node:stream'
import type { CommandIo } from './command-options.js'

/**
 * Streams for a command under test that keep what it writes.
 * @example const { io, output } = captureIo(); await validateCommand(args, io); output.stderr
 */
export function captureIo(): { io: CommandIo; output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' }
  const sink = (key: keyof typeof output) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        output[key] += chunk.toString()
        done()
      },
    })
  return { io: { stdout: sink('stdout'), stderr: sink('stderr') }, output }
}
