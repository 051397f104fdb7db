import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { renderHtml } from './render-html.js'
import { renderJson } from './render-json.js'
import { renderJunit } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import type { Report } from './report.js'

/**
 * Writes report.json, report.md, junit.xml and report.html into `outDir` (created if missing).
 * Resolves with the paths written, in that order.
 * @example const { files } = await writeReports(analyze(record), 'reports/out/2026-01-01T00-00-client-retry')
 */
export async function writeReports(report: Report, outDir: string): Promise<{ files: string[] }> {
  await mkdir(outDir, { recursive: true })
  const outputs: [string, string][] = [
    ['report.json', renderJson(report)],
    ['report.md', renderMarkdown(report)],
    ['junit.xml', renderJunit(report)],
    ['report.html', renderHtml(report)],
  ]
  const files: string[] = []
  for (const [name, content] of outputs) {
    const path = join(outDir, name)
    await writeFile(path, content, 'utf8')
    files.push(path)
  }
  return { files }
}
