#!/usr/bin/env node
// The `gameday` command. It is committed, not built, so that it exists in a fresh clone: the
// first `npx gameday` links this folder into npx's cache, and npm never links a bin whose file
// does not exist yet, so npx would answer "gameday: not found" for this folder even after
// `npm install`. Here it says what to do instead, and once dist/ is built it runs the CLI.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { URL, fileURLToPath } from 'node:url'

const cli = new URL('./dist/cli.js', import.meta.url)
if (existsSync(fileURLToPath(cli))) {
  await import(cli.href)
} else {
  const root = fileURLToPath(new URL('.', import.meta.url))
  process.stderr.write(
    `gameday is not built yet: run \`npm install\` in ${root} first (it installs the dependencies and builds dist/).\n`,
  )
  process.exitCode = 2
}
