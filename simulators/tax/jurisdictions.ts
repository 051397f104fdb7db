/** One taxing jurisdiction and its rate in basis points. */
export interface Jurisdiction {
  name: string
  type: 'Country' | 'State' | 'County' | 'City' | 'Special'
  rateBps: number
}

/** A small, fixed jurisdiction table: enough to give realistic, distinct totals per destination. */
const usStates: Record<string, Jurisdiction[]> = {
  CA: [
    { name: 'CALIFORNIA', type: 'State', rateBps: 600 },
    { name: 'CALIFORNIA COUNTY', type: 'County', rateBps: 25 },
    { name: 'CALIFORNIA SPECIAL', type: 'Special', rateBps: 100 },
  ],
  NY: [
    { name: 'NEW YORK', type: 'State', rateBps: 400 },
    { name: 'NEW YORK CITY', type: 'City', rateBps: 450 },
    { name: 'METROPOLITAN COMMUTER TRANSPORTATION DISTRICT', type: 'Special', rateBps: 38 },
  ],
  WA: [
    { name: 'WASHINGTON', type: 'State', rateBps: 650 },
    { name: 'SEATTLE', type: 'City', rateBps: 385 },
  ],
  TX: [
    { name: 'TEXAS', type: 'State', rateBps: 625 },
    { name: 'AUSTIN', type: 'City', rateBps: 200 },
  ],
  IL: [
    { name: 'ILLINOIS', type: 'State', rateBps: 625 },
    { name: 'CHICAGO', type: 'City', rateBps: 400 },
  ],
  OR: [],
  DE: [],
  MT: [],
  NH: [],
}

const countries: Record<string, Jurisdiction[]> = {
  GB: [{ name: 'UNITED KINGDOM', type: 'Country', rateBps: 2000 }],
  DE: [{ name: 'GERMANY', type: 'Country', rateBps: 1900 }],
  FR: [{ name: 'FRANCE', type: 'Country', rateBps: 2000 }],
  CA: [{ name: 'CANADA', type: 'Country', rateBps: 500 }],
  JP: [{ name: 'JAPAN', type: 'Country', rateBps: 1000 }],
}

/**
 * The jurisdictions taxing a destination: US by state (unknown states 5% state tax), a few
 * countries by VAT/GST, anything else untaxed.
 * @example jurisdictionsFor({ country: 'US', region: 'WA' }) // Washington state + Seattle
 */
export function jurisdictionsFor(address: { country?: string; region?: string }): Jurisdiction[] {
  const country = (address.country ?? 'US').toUpperCase()
  if (country === 'US' || country === 'USA') {
    const region = (address.region ?? '').toUpperCase()
    return usStates[region] ?? [{ name: region || 'UNKNOWN STATE', type: 'State', rateBps: 500 }]
  }
  return countries[country] ?? []
}
