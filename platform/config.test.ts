import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PlatformConfigError, resolvePlatformConfig } from './config.js'
import { SAFEGUARDS } from './safeguards.js'

describe('resolvePlatformConfig', () => {
  it('fills every default and freezes the result', () => {
    const config = resolvePlatformConfig({ pspUrl: 'http://127.0.0.1:12111/' })
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      db: 'embedded',
      dataDir: undefined,
      pspUrl: 'http://127.0.0.1:12111',
      pspApiKey: 'sk_test_gameday',
      pspTimeoutMs: 2000,
      seed: 1,
      logLevel: 'warn',
    })
    expect(config.cacheDir).toMatch(/node_modules[\\/]\.cache[\\/]gameday$/)
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.keys(config.safeguards)).toEqual([...SAFEGUARDS])
    expect(Object.values(config.safeguards).every((on) => on)).toBe(true)
  })

  it('switches off only the named safeguards', () => {
    const config = resolvePlatformConfig({ pspUrl: 'http://x:1', safeguards: { retries: false } })
    expect(config.safeguards.retries).toBe(false)
    expect(config.safeguards.timeouts).toBe(true)
  })

  it('accepts a resolved config as input again', () => {
    const config = resolvePlatformConfig({ pspUrl: 'http://x:1', db: 'postgres://u@h/db', pgSchema: 'run_1' })
    expect(resolvePlatformConfig(JSON.parse(JSON.stringify(config)))).toEqual(config)
  })

  it.each([
    [{ pspUrl: 'http://x:1', safeguards: { 'no-such': false } }, /unknown safeguard 'no-such'/],
    [{ pspUrl: 'http://x:1', db: 'mysql://x' }, /db must be 'embedded' or a postgres:\/\/ URL/],
    [{ pspUrl: 'http://x:1', port: 70000 }, /port must be an integer/],
    [{ pspUrl: 'ftp://x' }, /pspUrl must be http/],
    [{ pspUrl: 'http://x:1', pgSchema: 'Robert; DROP' }, /pgSchema must match/],
    [{ pspUrl: 'http://x:1', pspTimeoutMs: 0 }, /pspTimeoutMs must be a positive integer/],
    [{}, /pspUrl is required/],
  ])('refuses %j with an actionable message', (input, message) => {
    expect(() => resolvePlatformConfig(input as never)).toThrow(message)
    expect(() => resolvePlatformConfig(input as never)).toThrow(PlatformConfigError)
  })

  it("keeps its template cache in gameday's own install, whatever the working directory", () => {
    const here = process.cwd()
    try {
      process.chdir(tmpdir())
      expect(resolvePlatformConfig({ pspUrl: 'http://127.0.0.1:12111' }).cacheDir).toBe(
        join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache', 'gameday'),
      )
    } finally {
      process.chdir(here)
    }
  })
})
