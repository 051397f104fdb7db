import type { ToxicRuntime } from './toxic-runtime.js'

/** Toxiproxy's recursive split: halves until a piece is within size_variation of average_size. */
function cuts(
  start: number,
  end: number,
  average: number,
  variation: number,
  random: () => number,
): number[] {
  if (end - start - average <= variation) return [start, end]
  let mid = start + Math.floor((end - start) / 2)
  if (variation > 0) mid += Math.floor(random() * 2 * variation) - variation
  return [...cuts(start, mid, average, variation, random), ...cuts(mid, end, average, variation, random)]
}

/** Splits each chunk into pieces of about `average_size` ± `size_variation` bytes, `delay` µs apart. */
export const slicerToxic: ToxicRuntime = {
  async onChunk(ctx, chunk) {
    const average = ctx.toxic.attr('average_size')
    if (average <= 0) return ctx.forward(chunk)
    const variation = Math.min(ctx.toxic.attr('size_variation'), average)
    const bounds = cuts(0, chunk.data.length, average, variation, () => ctx.link.random())
    for (let i = 1; i < bounds.length; i += 2) {
      const from = bounds[i - 1] ?? 0
      const to = bounds[i] ?? chunk.data.length
      await ctx.forward({ data: chunk.data.subarray(from, to), atMs: chunk.atMs })
      if (to >= chunk.data.length) break
      const delayMs = ctx.toxic.attr('delay') / 1000
      if (ctx.toxic.removed || (delayMs > 0 && !(await ctx.link.sleep(delayMs)))) {
        return ctx.forward({ data: chunk.data.subarray(to), atMs: chunk.atMs })
      }
    }
  },
}
