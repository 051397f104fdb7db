/** The contract between the runner and the vendors child process (simulators + proxy). */

/**
 * The simulators allocate a little per request and keep a lot (ledger, intents): a larger young
 * generation measured ~95 → 65 µs per PSP create at 400k intents (bench/psp-create.ts).
 */
export const VENDORS_NODE_OPTIONS = ['--max-semi-space-size=64']

/** What the runner asks of the vendors process. */
export interface VendorsConfig {
  seed: number
  /** Start the embedded Toxiproxy-compatible server (false when TOXIPROXY_URL names one). */
  embeddedProxy: boolean
  /** The PSP's webhook signing secret (the runner gives the platform the same). */
  webhookSecret?: string
  /** Fixed ports for `gameday up`; 0 or absent = any free port. */
  pspPort?: number
  taxPort?: number
  fraudPort?: number
  proxyPort?: number
  /** Start the embedded broker (false when the platform uses NATS). */
  embeddedBroker?: boolean
  brokerPort?: number
}

/** What it answers: base URLs on 127.0.0.1. */
export interface VendorsReady {
  pspUrl: string
  taxUrl: string
  fraudUrl: string
  webhookSecret: string
  proxyUrl?: string
  /** The embedded broker, when asked for. */
  brokerUrl?: string
}
