const a = performance.now()
const { startPlatform } = await import('./start-platform.js')
const b = performance.now()
const p = await startPlatform({ pspUrl: 'http://127.0.0.1:9' })
const c = performance.now()
console.log(
  JSON.stringify({
    boot: Math.round(a),
    importStart: Math.round(b - a),
    start: Math.round(c - b),
    total: Math.round(c),
  }),
)
await p.close()
