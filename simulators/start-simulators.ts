import type { Clock } from '../lib/clock.js'
import { entropyHex } from '../lib/random.js'
import { startFraud, type FraudOptions } from './fraud/start-fraud.js'
import { startPsp, type PspServer } from './psp/start-psp.js'
import { startTax, type SimulatorServer } from './tax/start-tax.js'

/** Options of {@link startSimulators}; ports 0 = any free port. */
export interface SimulatorsOptions {
  /** @default '127.0.0.1' */
  host?: string
  /** One seed for all three; each derives its own streams from it. @default 1 */
  seed?: number
  /**
   * Mixed into what the servers mint (ids, document codes, webhook secrets) and nothing else: the
   * same seed replays every fault and outcome, while ids differ per start unless the salt is given
   * again. @default fresh entropy per start
   */
  idSalt?: string
  /** @default 0 */
  pspPort?: number
  /** @default 0 */
  taxPort?: number
  /** @default 0 */
  fraudPort?: number
  /** The secret of the PSP's `webhookEndpoints`; minted per start when absent. */
  webhookSecret?: string
  /** Webhook endpoints the PSP delivers to. */
  webhookEndpoints?: Array<{ url: string; enabledEvents?: string[] }>
  /** One clock for all three (timestamps, fault schedules, delays, webhook retries). @default systemClock */
  clock?: Clock
  /** The fraud simulator's thresholds and amount rules. */
  fraudRules?: FraudOptions['rules']
}

/** The three running simulators. */
export interface Simulators {
  psp: PspServer
  tax: SimulatorServer
  fraud: SimulatorServer
  /** The PSP's `whsec_…` webhook signing secret. */
  webhookSecret: string
  close(): Promise<void>
}

/**
 * Starts the PSP, tax and fraud simulators; if one fails to start, the others are closed.
 * @example const sims = await startSimulators({ seed: 42 }); console.log(sims.psp.url, sims.tax.url, sims.fraud.url)
 */
export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const common = {
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    seed: options.seed ?? 1,
    idSalt: options.idSalt ?? entropyHex(8),
  }
  const started = await Promise.allSettled([
    startPsp({
      ...common,
      port: options.pspPort ?? 0,
      ...(options.webhookEndpoints ? { webhookEndpoints: options.webhookEndpoints } : {}),
      ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
    }),
    startTax({ ...common, port: options.taxPort ?? 0 }),
    startFraud({
      ...common,
      port: options.fraudPort ?? 0,
      ...(options.fraudRules ? { rules: options.fraudRules } : {}),
    }),
  ])
  const [psp, tax, fraud] = started
  if (psp.status !== 'fulfilled' || tax.status !== 'fulfilled' || fraud.status !== 'fulfilled') {
    await Promise.allSettled(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)))
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    throw new Error(`Failed to start simulators: ${String(failure?.reason)}`)
  }
  return {
    psp: psp.value,
    tax: tax.value,
    fraud: fraud.value,
    webhookSecret: psp.value.webhookSecret,
    close: async () => {
      await Promise.allSettled([psp.value.close(), tax.value.close(), fraud.value.close()])
    },
  }
}
