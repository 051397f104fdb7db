/** Where the simulator can place a US state: its ZIP prefixes, a point inside it, a default ZIP. */
export interface StatePlace {
  /** First three digits of the state's ZIP codes, as inclusive ranges. */
  zip3: ReadonlyArray<readonly [number, number]>
  latitude: number
  longitude: number
  /** The ZIP given to an address resolved without one. */
  defaultPostalCode: string
}

/**
 * The states of the jurisdiction table (`jurisdictions.ts`) and where they lie: the address
 * resolver answers from this and nothing else, so the same address always resolves the same way.
 */
export const statePlaces: Readonly<Record<string, StatePlace>> = {
  CA: { zip3: [[900, 961]], latitude: 34.052235, longitude: -118.243683, defaultPostalCode: '90012' },
  NY: { zip3: [[100, 149]], latitude: 40.712776, longitude: -74.005974, defaultPostalCode: '10007' },
  WA: { zip3: [[980, 994]], latitude: 47.606209, longitude: -122.332069, defaultPostalCode: '98104' },
  TX: {
    zip3: [
      [750, 799],
      [885, 885],
    ],
    latitude: 30.267153,
    longitude: -97.743057,
    defaultPostalCode: '78701',
  },
  IL: { zip3: [[600, 629]], latitude: 41.878113, longitude: -87.629799, defaultPostalCode: '60602' },
  OR: { zip3: [[970, 979]], latitude: 45.515232, longitude: -122.678385, defaultPostalCode: '97204' },
  DE: { zip3: [[197, 199]], latitude: 39.739072, longitude: -75.539788, defaultPostalCode: '19801' },
  MT: { zip3: [[590, 599]], latitude: 46.585799, longitude: -112.018417, defaultPostalCode: '59601' },
  NH: { zip3: [[30, 38]], latitude: 43.208137, longitude: -71.537572, defaultPostalCode: '03301' },
}

/** The state a US ZIP code belongs to in the table, if any. */
export function stateOfZip(postalCode: string): string | undefined {
  const match = /^(\d{3})\d{2}(-\d{4})?$/.exec(postalCode.trim())
  if (!match) return undefined
  const zip3 = Number(match[1])
  return Object.keys(statePlaces).find((state) =>
    statePlaces[state]?.zip3.some(([from, to]) => zip3 >= from && zip3 <= to),
  )
}

/** A Canadian postal code: `A1A 1A1`, the space optional. */
export const canadianPostalCode = /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/
