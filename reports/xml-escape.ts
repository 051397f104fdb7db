/** Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; lone surrogates; FFFE/FFFF). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes text for XML or HTML content and attribute values, dropping characters XML cannot carry.
 * @example escapeXml('<script>"x" & y</script>') // '&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;'
 */
export function escapeXml(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}
