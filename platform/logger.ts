import pino, { type Logger } from 'pino'
import type { LogLevel } from './config.js'

/** Paths pino blanks: credentials, card data and personal data never reach a log. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'headers.authorization',
  '*.email',
  '*.paymentMethod',
  '*.payment_method',
  '*.card',
  '*.number',
  '*.cvc',
  '*.apiKey',
  '*.pspApiKey',
  '*.webhookSecret',
]

/**
 * The platform's pino logger, quiet by default (warn) so it costs nothing under load.
 *
 * @example const log = createLogger('warn')
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination)
}
