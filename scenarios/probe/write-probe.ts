import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { probeChartSvg } from './probe-chart-svg.js'
import type { ProbeDocument } from './probe-document.js'
import { probeMarkdown } from './probe-markdown.js'

/**
 * Writes probe.json, probe.svg and probe.md into `outDir`; resolves the paths written.
 * @example await writeProbe(document, 'reports/out/2024-…-probe-baseline')
 */
export async function writeProbe(document: ProbeDocument, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true })
  const files = {
    'probe.json': `${JSON.stringify(document, null, 2)}\n`,
    'probe.svg': `${probeChartSvg(document)}\n`,
    'probe.md': probeMarkdown(document),
  }
  const written: string[] = []
  for (const [name, content] of Object.entries(files)) {
    const path = join(outDir, name)
    await writeFile(path, content)
    written.push(path)
  }
  return written
}
