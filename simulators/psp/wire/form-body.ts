/** A decoded form value: Stripe's nested keys (`metadata[order_id]`, `expand[0]`) become objects. */
export type FormValue = string | FormObject
export interface FormObject {
  [key: string]: FormValue
}

/** The result of decoding: the object, or the parameter that could not be read. */
export type FormDecode = { ok: true; value: FormObject } | { ok: false; param: string; message: string }

const maxPairs = 1_000
const maxDepth = 5

/**
 * Decodes `application/x-www-form-urlencoded` with Stripe's (rack/qs) bracket nesting.
 * `a[]=x` appends; index keys stay object keys (see {@link formArray}).
 * @example decodeForm('amount=100&metadata[order_id]=o1') // { ok: true, value: { amount: '100', metadata: { order_id: 'o1' } } }
 */
export function decodeForm(text: string): FormDecode {
  const root: FormObject = {}
  if (text === '') return { ok: true, value: root }
  const pairs = text.split('&')
  if (pairs.length > maxPairs)
    return { ok: false, param: '', message: `Too many parameters (over ${maxPairs})` }
  for (const pair of pairs) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    let key: string
    let value: string
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '))
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '))
    } catch {
      return { ok: false, param: '', message: 'Invalid URL encoding in the request body' }
    }
    const path = parseKey(key)
    if (!path) return { ok: false, param: key, message: `Invalid parameter name: ${key}` }
    const problem = assign(root, path, value)
    if (problem) return { ok: false, param: problem, message: `Invalid nesting of parameter ${problem}` }
  }
  return { ok: true, value: root }
}

function parseKey(key: string): string[] | undefined {
  const open = key.indexOf('[')
  if (open === 0 || key === '') return undefined
  if (open < 0) return [key]
  const path = [key.slice(0, open)]
  let rest = key.slice(open)
  while (rest.length > 0) {
    if (!rest.startsWith('[')) return undefined
    const close = rest.indexOf(']')
    if (close < 0) return undefined
    path.push(rest.slice(1, close))
    rest = rest.slice(close + 1)
  }
  return path.length > maxDepth ? undefined : path
}

function assign(root: FormObject, path: string[], value: string): string | undefined {
  let node: FormObject = root
  for (let i = 0; i < path.length; i++) {
    let segment = path[i] ?? ''
    const last = i === path.length - 1
    const name = path.slice(0, i + 1).join('.')
    if (segment === '') segment = String(Object.keys(node).length)
    if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') return name
    const existing = Object.hasOwn(node, segment) ? node[segment] : undefined
    if (last) {
      if (typeof existing === 'object') return name
      node[segment] = value
      return undefined
    }
    if (typeof existing === 'string') return name
    const child: FormObject = existing ?? {}
    node[segment] = child
    node = child
  }
  return undefined
}

/** Reads an index-keyed object (`expand[0]`, `expand[1]`) or a single string as an array of strings. */
export function formArray(value: FormValue | undefined): string[] | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return [value]
  const out: string[] = []
  for (const key of Object.keys(value).sort((a, b) => Number(a) - Number(b))) {
    const item = value[key]
    if (typeof item !== 'string' || !/^\d+$/.test(key)) return undefined
    out.push(item)
  }
  return out
}
