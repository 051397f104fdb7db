import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { entropyHex } from '../../lib/random.js'

/** This machine, in four hex digits: enough to tell our runs from another host's on a shared Toxiproxy. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 4)
const PATTERN = /^gd-([0-9a-f]{4})-(\d+)-[0-9a-f]{6}-/

/**
 * A run's id, the prefix of every proxy it creates: `gd-<host>-<pid>-<random>`. Carrying the
 * runner's host and pid lets a later run tell a proxy left by a SIGKILLed run (its pid is gone)
 * from one of a run still going.
 */
export function newRunId(pid = process.pid): string {
  return `gd-${HOST}-${pid}-${entropyHex(3)}`
}

/** Whether a proxy name belongs to a run of this host whose runner is no longer alive. */
export function isStaleRunProxy(name: string, isAlive: (pid: number) => boolean): boolean {
  const match = PATTERN.exec(name)
  return match !== null && match[1] === HOST && !isAlive(Number(match[2]))
}
