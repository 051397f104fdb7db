import { formatSeconds } from './format.js'
import type { QueueDrain } from './report.js'

/**
 * One broker fault's drain in words, the same in every text renderer: how long after the heal
 * the backlog was empty, or why no time is given.
 * @example drainText({ target: 'broker', kind: 'link:down', healedAtMs: 9000, drainedAtMs: 10250, drainMs: 1250 }) // 'after 1.3 s'
 */
export function drainText(drain: QueueDrain): string {
  if (drain.overtakenAtMs !== undefined)
    return `with a later broker fault (began at ${formatSeconds(drain.overtakenAtMs)})`
  return drain.drainMs === undefined ? 'not before the run ended' : `after ${formatSeconds(drain.drainMs)}`
}
