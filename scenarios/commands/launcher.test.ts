import { execFile } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isNpmLauncher, parseProcStat } from './launcher.js'

describe('parseProcStat', () => {
  it('reads ppid and start time past a command name with spaces and parentheses', () => {
    const stat = '4242 (node (x) y) S 4100 4242 121565 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 987654 100 50'
    expect(parseProcStat(stat)).toEqual({ ppid: 4100, startTicks: 987654 })
  })

  it('gives up on text that is not a stat line', () => {
    expect(parseProcStat('garbage')).toBeUndefined()
  })
})

describe('isNpmLauncher', () => {
  it.each([
    [['npm exec gameday run baseline']],
    [['npm', 'run', 'bench']],
    [['/usr/bin/npx', 'gameday', 'run', 'baseline']],
    [['node', '/x/npm/bin/npx-cli.js', 'gameday']],
  ])('knows %j', (argv) => expect(isNpmLauncher(argv)).toBe(true))

  it.each([
    [['sh', '-c', 'gameday run baseline']],
    [['node', '/x/node_modules/npm/lib/cli.js']],
    [['node', 'dist/cli.js']],
    [['npmx']],
    // Wrappers whose arguments name npx are not npx: the head start would count the wrapper's life.
    [['bash', '-c', 'npx gameday run baseline']],
    [['timeout', '100', 'npx', 'gameday']],
    [['/usr/bin/python3', 'runner.py', '--cmd', 'npx gameday']],
  ])('is not fooled by %j', (argv) => expect(isNpmLauncher(argv)).toBe(false))
})

describe.runIf(process.platform === 'linux')('launcherHeadStartMs', () => {
  it('counts from an npx ancestor that started before this process', async () => {
    // A stand-in `npx` that waits 0.3 s and then runs node as its child, as npm's does.
    const dir = mkdtempSync(join(tmpdir(), 'gameday-launcher-'))
    try {
      const npx = join(dir, 'npx')
      writeFileSync(npx, '#!/bin/sh\nsleep 0.3\n"$@"\n')
      chmodSync(npx, 0o755)
      const module = fileURLToPath(new URL('./launcher.ts', import.meta.url))
      const code = `import(${JSON.stringify(module)}).then((m) => console.log(m.launcherHeadStartMs()))`
      const { stdout } = await promisify(execFile)(npx, [process.execPath, '--import', 'tsx', '-e', code])
      expect(Number(stdout.trim())).toBeGreaterThanOrEqual(250)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('finds nothing when the parent is not a launcher, whatever is further up', async () => {
    // node ← sh -c ← the vitest worker (not a launcher) ← …: the walk stops at the worker.
    const module = fileURLToPath(new URL('./launcher.ts', import.meta.url))
    const code = `import(${JSON.stringify(module)}).then((m) => console.log(String(m.launcherHeadStartMs())))`
    const args = ['-c', '"$0" "$@"', process.execPath, '--import', 'tsx', '-e', code]
    const { stdout } = await promisify(execFile)('/bin/sh', args)
    expect(stdout.trim()).toBe('undefined')
  })
})
