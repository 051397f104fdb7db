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
 * The platform's pino logger, quiet by default (warn) so it costs nothing under load, writing
 * to stderr unless given a destination.
 *
 * @example const log = createLogger('warn')
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  // stderr by default: stdout belongs to the CLI (its first line is `gameday up --json`'s answer).
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination ?? pino.destination({ fd: 2, sync: false }),
  )
}
