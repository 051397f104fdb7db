/** How to compare a documented example with an answer: which objects are maps, which paths to skip. */
export interface ShapeOptions {
  /** JSON pointers (`*` = any one segment) of objects keyed by data (abuse types), not by field. */
  maps?: readonly string[]
  /** JSON pointers where the documentation contradicts itself, skipped (each fixture says why). */
  lenient?: readonly string[]
}

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/')
  const got = path.split('/')
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i])
}

/**
 * Where `actual` differs in shape from a documented example: every documented field must be
 * there with the same JSON type; an array's (or a map's) every element must match one of the
 * documented elements; extra fields are allowed. `null` in the example matches anything.
 * @example shapeProblems({ status: 0, scores: {} }, { status: 'ok' }) // ['/status: number expected, got string', '/scores: missing']
 */
export function shapeProblems(
  documented: unknown,
  actual: unknown,
  options: ShapeOptions = {},
  path = '',
): string[] {
  if (options.lenient?.some((pattern) => matches(pattern, path))) return []
  if (documented === null) return []
  if (kind(documented) !== kind(actual))
    return [`${path || '/'}: ${kind(documented)} expected, got ${kind(actual)}`]
  const elementsOf = (value: unknown): unknown[] =>
    Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)
  const isMap = options.maps?.some((pattern) => matches(pattern, path)) ?? false
  if (Array.isArray(documented) || isMap) {
    const examples = elementsOf(documented)
    if (examples.length === 0) return []
    return elementsOf(actual).flatMap((element, i) => {
      const tries = examples.map((example) => shapeProblems(example, element, options, `${path}/*`))
      return tries.some((problems) => problems.length === 0)
        ? []
        : [`${path}/${i}: matches no documented element (${tries[0]?.join('; ') ?? ''})`]
    })
  }
  if (typeof documented !== 'object') return []
  const got = actual as Record<string, unknown>
  return Object.entries(documented as Record<string, unknown>).flatMap(([key, value]) =>
    key in got ? shapeProblems(value, got[key], options, `${path}/${key}`) : [`${path}/${key}: missing`],
  )
}
