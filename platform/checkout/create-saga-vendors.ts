import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../../lib/clock.js'
import { createRandom, deriveSeed } from '../../lib/random.js'
import type { PlatformConfig } from '../config.js'
import { createSiftFraudClient } from '../fraud/sift-fraud-client.js'
import type { ManualCapturePsp } from '../payments/psp-manual-capture.js'
import type { BreakerBoard } from '../vendors/breaker-board.js'
import { createAvataxClient } from '../tax/avatax-client.js'
import { createTaxRateCache } from '../tax/tax-estimate.js'
import type { SagaVendors } from './saga-vendors.js'

/**
 * The saga's vendors from the config, or `undefined` when it names no `taxUrl`/`fraudUrl`. Each
 * client gets its own policy, switched by the same safeguards as the PSP's (`timeouts`,
 * `retries`, `circuit-breaker`) and by `bulkhead`, and its own seeded jitter stream.
 *
 * `board`, when given, shows each client's breaker and bulkhead (`GET /__admin/breakers`).
 *
 * @example const saga = createSagaVendors(config, psp, systemClock, logger, board)
 */
export function createSagaVendors(
  config: PlatformConfig,
  psp: ManualCapturePsp,
  clock: Clock,
  logger: FastifyBaseLogger,
  board?: BreakerBoard,
): SagaVendors | undefined {
  const saga = config.saga
  if (!saga) return undefined
  const { safeguards } = config
  const policy = (vendor: 'tax' | 'fraud', timeoutMs: number) => ({
    clock,
    random: createRandom(deriveSeed(config.seed, vendor, 'backoff')),
    timeoutMs: safeguards.timeouts ? timeoutMs : undefined,
    retries: safeguards.retries ? 2 : 0,
    circuitBreaker: safeguards['circuit-breaker'],
    bulkhead: safeguards.bulkhead ? saga.vendorBulkhead : undefined,
    onRetry: (reason: string, delayMs: number) =>
      logger.debug({ vendor, reason, delayMs }, 'retrying vendor call'),
    onBreakerStateChange: (state: string) =>
      logger.info({ vendor, state }, 'vendor circuit breaker changed state'),
    ...(board ? { board } : {}),
  })
  const tax = createAvataxClient({
    taxUrl: saga.taxUrl,
    accountId: saga.taxAccountId,
    licenseKey: saga.taxLicenseKey,
    companyCode: saga.taxCompanyCode,
    shipTo: saga.taxShipTo,
    ...policy('tax', saga.taxTimeoutMs),
  })
  const fraud = createSiftFraudClient({
    fraudUrl: saga.fraudUrl,
    apiKey: saga.fraudApiKey,
    ...policy('fraud', saga.fraudTimeoutMs),
  })
  return {
    tax,
    fraud,
    psp,
    taxRates: createTaxRateCache(saga.taxFallbackRateBps),
    failOpenLimits: saga.fraudFailOpenLimits,
    close: async () => {
      await Promise.all([tax.close(), fraud.close()])
    },
  }
}
