/**
 * A small well-formedness check for the XML the renderers write (no parser is installed):
 * tags nest and close, attributes are quoted, and no bare `<` or `&` sits in text or values.
 * Returns the problems found; empty means well-formed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const stack: string[] = []
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#\d+);)/g
  let roots = 0
  for (const match of body.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match
    if (name === undefined) {
      problems.push(`bare ${whole} at ${match.index}`)
      continue
    }
    if (closing) {
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`)
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1
      stack.push(name)
    } else if (stack.length === 0) roots += 1
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`)
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`)
  return problems
}
