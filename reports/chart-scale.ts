/**
 * Axis arithmetic the SVG charts share (the report's phase and time-series charts, the probe's).
 */

/**
 * Rounds an axis top up to 1, 2 or 5 × a power of ten.
 * @example niceCeiling(640) // 1000; niceCeiling(24.2) // 50
 */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value))
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10
  return step * power
}

/** To one decimal: coordinates and tick labels, so an SVG's text stays short. */
export function roundTenth(value: number): number {
  return Math.round(value * 10) / 10
}
