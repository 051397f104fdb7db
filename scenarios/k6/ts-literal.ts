/**
 * A JSON-like value as a TypeScript literal a person would write: keys bare where they can be,
 * strings single-quoted, short arrays and objects on one line.
 * @example tsLiteral({ rate: 20, tags: { phase: 'steady' } }) // "{ rate: 20, tags: { phase: 'steady' } }"
 */
export function tsLiteral(value: unknown, indent = ''): string {
  const oneLine = flat(value)
  if (oneLine.length + indent.length <= 100 || !isContainer(value)) return oneLine
  const inner = `${indent}  `
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join('\n')}\n${indent}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  return `{\n${entries.map(([k, v]) => `${inner}${tsKey(k)}: ${tsLiteral(v, inner)},`).join('\n')}\n${indent}}`
}

/** An object key: bare when it is an identifier, quoted otherwise (`'warm-up-default'`). */
export function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key)
}

/** A single-quoted string literal. */
export function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
}

function flat(value: unknown): string {
  if (typeof value === 'string') return tsString(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${flat(v)}`).join(', ')} }`
  }
  throw new Error(`Failed to write a literal (${typeof value}): not a JSON value`)
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null
}
