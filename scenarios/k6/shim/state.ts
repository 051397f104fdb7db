/**
 * What the k6 shim records, on `globalThis`: the script is loaded through tsx's own module
 * namespace, so its copy of these modules is not the test's copy — the state must be shared
 * through something both see.
 */
export interface ShimCheck {
  name: string
  ok: boolean
  scenario: string
}

export interface ShimRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
  tags: Record<string, string>
  status: number
  scenario: string
}

export interface ShimSample {
  metric: string
  type: 'trend' | 'rate'
  value: number
  tags: Record<string, string>
}

export interface ShimState {
  checks: ShimCheck[]
  requests: ShimRequest[]
  samples: ShimSample[]
  /** The k6 scenario and iteration under way (`exec.scenario`), and its tags. */
  scenario: { name: string; iterationInTest: number; tags: Record<string, string> }
  /** Closes the synchronous-HTTP worker, if one was started. */
  closeWorker?: () => Promise<void>
}

const KEY = Symbol.for('gameday.k6-shim')

export function shimState(): ShimState {
  const holder = globalThis as unknown as Record<symbol, ShimState | undefined>
  return (holder[KEY] ??= {
    checks: [],
    requests: [],
    samples: [],
    scenario: { name: 'default', iterationInTest: 0, tags: {} },
  })
}
