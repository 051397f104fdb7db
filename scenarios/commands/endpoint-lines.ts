import type { StackEndpoints } from '../stack/start-stack.js'

/** Where a stack listens, one line each, for a person (`--json` prints the object itself). */
export function endpointLines(e: StackEndpoints): string[] {
  return [
    `platform  ${e.platform}   (through the proxy: ${e.links.platform})`,
    `psp       ${e.psp}   (Stripe-compatible; the platform reaches it through ${e.links.psp})`,
    `tax       ${e.tax}   (AvaTax-shaped)`,
    `fraud     ${e.fraud}   (score and decision)`,
    `proxy     ${e.proxy}   (Toxiproxy API: proxies "platform" and "psp")`,
    `webhook secret  ${e.webhookSecret}`,
  ]
}
