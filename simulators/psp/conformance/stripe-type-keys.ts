import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** One property of an interface in the stripe client's `.d.ts`, in declaration order. */
export interface TypeKey {
  key: string
  optional: boolean
}

const resources = join(dirname(dirname(createRequire(import.meta.url).resolve('stripe'))), 'esm', 'resources')
const parsed = new Map<string, Map<string, TypeKey[]>>()

/**
 * Reads the interfaces of one of the stripe client's resource files (`PaymentIntents`,
 * `Charges`, …), keyed by their dotted path (`PaymentIntent`, `PaymentMethod.Card.Checks`).
 * @note A line-by-line reading of the generated file, not a TypeScript parse: the generator
 * writes one property per line and one brace per block, and `typeKeys` refuses an empty answer,
 * so a change of layout fails the tests rather than passing them with nothing checked.
 */
function interfacesOf(file: string): Map<string, TypeKey[]> {
  const cached = parsed.get(file)
  if (cached) return cached
  const text = readFileSync(join(resources, `${file}.d.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  const out = new Map<string, TypeKey[]>()
  const stack: { kind: 'namespace' | 'interface' | 'block'; name: string }[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    const namespace = /^(?:export )?(?:declare )?namespace (\w+) \{$/.exec(line)
    if (namespace?.[1]) {
      stack.push({ kind: 'namespace', name: namespace[1] })
      continue
    }
    const iface = /^(?:export )?interface (\w+)(?:<[^>]*>)? (?:extends [^{]*)?\{$/.exec(line)
    if (iface?.[1]) {
      const path = [...stack.filter((s) => s.kind === 'namespace').map((s) => s.name), iface[1]].join('.')
      stack.push({ kind: 'interface', name: path })
      out.set(path, [])
      continue
    }
    if (line.startsWith('}')) {
      stack.pop()
      continue
    }
    const top = stack[stack.length - 1]
    const property = /^(\w+)(\??):/.exec(line)
    if (top?.kind === 'interface' && property?.[1])
      out.get(top.name)?.push({ key: property[1], optional: property[2] === '?' })
    if (line.endsWith('{')) stack.push({ kind: 'block', name: '' })
  }
  parsed.set(file, out)
  return out
}

/**
 * The properties of `path` in the stripe client's `file.d.ts`, in declaration order (Stripe's
 * own field order). Throws when the interface is not there or has no properties.
 * @example typeKeys('PaymentMethods', 'PaymentMethod.Card').filter((k) => !k.optional)
 */
export function typeKeys(file: string, path: string): TypeKey[] {
  const keys = interfacesOf(file).get(path)
  if (!keys || keys.length === 0) throw new Error(`Failed to read ${path} from stripe's ${file}.d.ts`)
  return keys
}

/** The keys of `path` that are not optional (`key: T`, possibly `| null`). */
export function requiredKeys(file: string, path: string): string[] {
  return typeKeys(file, path)
    .filter((k) => !k.optional)
    .map((k) => k.key)
}
