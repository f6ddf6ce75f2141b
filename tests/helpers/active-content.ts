/** What the sanitizing policy must never let through, found in HTML (or in any text holding HTML). */

const ACTIVE = [
  ['a script element', /<script/i],
  ['an event-handler attribute', /<[^>]*\son[a-z]+\s*=/i],
  ['a javascript: or vbscript: URL', /(?:href|src|action|formaction)\s*=\s*["']?\s*(?:java|vb)script:/i],
  ['a data: URL', /(?:href|src)\s*=\s*["']?\s*data:/i],
  ['an embedded document, form, SVG, MathML or style', /<(?:iframe|frame|object|embed|form|input|button|svg|math|style|base|meta)\b/i],
  ['a style attribute', /<[^>]*\sstyle\s*=/i],
] as const;

/** The kinds of active content found in the HTML; empty when there is none. */
export function activeContent(html: string): string[] {
  return ACTIVE.filter(([, pattern]) => pattern.test(html)).map(([kind]) => kind);
}
