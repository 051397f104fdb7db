import type { StackEndpoints } from '../stack/start-stack.js'

/** Where a stack listens, one line each, for a person (`--json` prints the object itself). */
export function endpointLines(e: StackEndpoints): string[] {
  return [
    `platform  ${e.platform}   (through the proxy: ${e.links.platform})`,
    `psp       ${e.psp}   (Stripe API, any sk_test_ key; the platform reaches it through ${e.links.psp})`,
    `tax       ${e.tax}   (AvaTax REST v2, any account id and license key; the platform reaches it through ${e.links.tax})`,
    `fraud     ${e.fraud}   (Sift REST API v205, any API key; the platform reaches it through ${e.links.fraud})`,
    `proxy     ${e.proxy}   (Toxiproxy API: proxies ${Object.keys(e.links)
      .map((name) => `"${name}"`)
      .join(', ')})`,
    `webhook secret  ${e.webhookSecret}   (the platform's endpoint; each endpoint you create gets its own)`,
  ]
}
