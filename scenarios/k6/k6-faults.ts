import type { PlannedPhase } from '../format/phase-plan.js'
import type { Fault } from '../format/scenario.js'
import { k6Duration } from './k6-options.js'

/** One fault of the scenario as an exported load's README tables it: when, what, how to play it by hand. */
export interface FaultLine {
  phase: string
  /** When it is applied, ms since the load started. */
  atMs: number
  /** When it is healed, ms since the load started. */
  untilMs: number
  what: string
  /** Commands that apply it beside k6 (`gameday fault …`, or the Toxiproxy API), or how to by hand. */
  apply: string[]
  /** What heals it at `untilMs`. */
  heal: string[]
}

/**
 * The scenario's faults in the order they start, each with what plays it beside the exported load:
 * `gameday fault` against `gameday up` (or any Toxiproxy and the simulators' admin APIs).
 * @example faultLines(resolveScenario(pspBrownout).phases)[0].apply // ["gameday fault vendor psp '{…}'"]
 */
export function faultLines(phases: readonly PlannedPhase[]): FaultLine[] {
  return phases.flatMap((phase) => phase.faults.map((fault, i) => faultLine(phase, fault, i)))
}

function faultLine(phase: PlannedPhase, fault: Fault, index: number): FaultLine {
  const startMs = phase.startMs
  const endMs = phase.startMs + phase.durationMs
  const base = { phase: phase.name, atMs: startMs, untilMs: endMs }
  switch (fault.kind) {
    case 'toxic': {
      const { type, stream = 'downstream', toxicity = 1, attributes } = fault.toxic
      const name = `${phase.name}-${type}-${index}`
      const attrs = Object.entries(attributes).map(([k, v]) => ` --attr ${k}=${v}`)
      return {
        ...base,
        what: `toxic ${type} on the ${fault.target} link (${stream}, toxicity ${toxicity}${
          attrs.length
            ? `; ${Object.entries(attributes)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`
            : ''
        })`,
        apply: [
          `gameday fault add ${fault.target} ${type} --name ${name} --stream ${stream} --toxicity ${toxicity}${attrs.join('')}`,
        ],
        heal: [`gameday fault remove ${fault.target} ${name}`],
      }
    }
    case 'vendor':
      return {
        ...base,
        what: `${fault.target} simulator fault rule${fault.rule.name ? ` "${fault.rule.name}"` : ''}: ${fault.rule.effect.type}`,
        apply: [`gameday fault vendor ${fault.target} '${JSON.stringify(fault.rule)}'`],
        heal: [`gameday fault vendor ${fault.target} --clear`],
      }
    case 'link':
      return {
        ...base,
        what: `the ${fault.target} link down (connections closed, new ones refused)`,
        apply: [
          `curl -s -X POST \${TOXIPROXY_URL:-http://127.0.0.1:8474}/proxies/${fault.target} -H 'content-type: application/json' -d '{"enabled":false}'`,
        ],
        heal: [
          `curl -s -X POST \${TOXIPROXY_URL:-http://127.0.0.1:8474}/proxies/${fault.target} -H 'content-type: application/json' -d '{"enabled":true}'`,
        ],
      }
    case 'process': {
      const atMs = startMs + (fault.atMs ?? 0)
      const forMs = fault.forMs ?? 1_000
      if (fault.action === 'crash-at')
        return {
          ...base,
          atMs,
          what: `the platform crashes at checkout step ${fault.step ?? '?'} (checkout no. ${fault.nth ?? 1} there), then restarts`,
          apply: ['only `gameday run` can play it: the crash point is armed through the platform it starts'],
          heal: ['—'],
        }
      const pause = fault.action === 'pause'
      return {
        ...base,
        atMs,
        untilMs: atMs + forMs,
        what: pause
          ? `the platform process stalls for ${k6Duration(forMs)} (SIGSTOP, then SIGCONT)`
          : `the platform process is killed (SIGKILL) and restarted ${k6Duration(forMs)} later`,
        apply: [pause ? 'kill -STOP <platform pid>' : 'kill -KILL <platform pid>'],
        heal: [pause ? 'kill -CONT <platform pid>' : 'start the platform again'],
      }
    }
  }
}
