import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const REPO = fileURLToPath(new URL('../..', import.meta.url))

/**
 * `npx gameday` in the repository links the folder into npx's cache (`<cache>/_npx/<hash of the
 * path>`) and runs its `prepare` there. A newcomer's `npx gameday list` before `npm install` used
 * to leave that entry half made (prepare failed: no tsc), and npx then failed for the folder for
 * good with ENOENT …/_npx/…/package.json. This types the wrong order in a fresh clone with an
 * empty npm cache of its own and checks npx recovers once the folder is installed.
 */
describe('npx after a newcomer types the wrong order', () => {
  let dir: string
  let clone: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gameday-wrong-order-'))
    clone = join(dir, 'gameday')
    await exec('git', ['clone', '--quiet', REPO, clone])
    // The working tree's launch files, so the test checks what is about to be committed.
    for (const file of ['package.json', 'gameday.js']) await cp(join(REPO, file), join(clone, file))
    // Not the outer `npm test`'s npm_* variables (its prefix, its cache): a user's shell has none.
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')))
    Object.assign(env, {
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_offline: 'true', // a local folder needs no registry; proves none is asked
      npm_config_update_notifier: 'false',
      npm_config_yes: 'true',
    })
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const npx = (args: string[]) =>
    exec('npx', args, { cwd: clone, env, timeout: 60_000 }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      }),
    )

  it('says to run npm install, then works once it has run', async () => {
    const before = await npx(['gameday', 'list'])

    // What `npm install` leaves that npx reads: node_modules and the built dist/. Linked and copied
    // from this checkout (npm test built dist/) so the test takes seconds; npm install itself never
    // touches npx's cache, which is what this is about. GAMEDAY_E2E_NPM_INSTALL=1 runs the real one.
    if (process.env.GAMEDAY_E2E_NPM_INSTALL === '1') {
      await exec('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: clone,
        env: { ...env, npm_config_cache: undefined, npm_config_offline: undefined },
        timeout: 300_000,
      })
    } else {
      await symlink(join(REPO, 'node_modules'), join(clone, 'node_modules'))
      await cp(join(REPO, 'dist'), join(clone, 'dist'), { recursive: true })
    }

    const after = await npx(['gameday', 'list'])
    expect(after.stderr).not.toContain('ENOENT')
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/^baseline\s/m)
    expect(before.code).not.toBe(0)
    expect(before.stderr).toContain('npm install')
  }, 120_000)
})
