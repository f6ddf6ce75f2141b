/**
 * Turning feed text fields into plain text that is safe to store and to log.
 *
 * Titles, author names and categories arrive as anything from clean text to double-escaped HTML with terminal
 * escape sequences in it. The tokenizer of htmlparser2 is linear in its input, unlike the regular expressions
 * rss-parser uses for its snippets.
 */
import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';

/** Elements whose boundaries separate words, so `a<br>b` reads "a b" while `wo<b>rd</b>` stays "word". */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th',
  'tr', 'ul',
]);

/** Elements whose text is never prose. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'template']);

/**
 * Terminal control sequences (CSI, OSC, two-byte ESC sequences, 8-bit CSI) followed by the remaining C0/C1
 * controls. Every alternative stops at the first character outside its class, so the scan stays linear.
 */
const CONTROL_SEQUENCES =
  /\x1B\[[0-?]*[ -/]*[@-~]?|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x9B[0-?]*[ -/]*[@-~]?|\x1B[@-_]?|[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|\uFFFD/g;

/** Removes terminal escape sequences, control characters and U+FFFD (the trace of invalid UTF-8). */
export function stripControls(text: string): string {
  return text.replace(CONTROL_SEQUENCES, '');
}

/** Collapses runs of whitespace (including no-break and other Unicode spaces) into one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00A0\u2000-\u200B\u2028\u2029\u3000]+/g, ' ').trim();
}

/**
 * `<!--` openings after the last `-->` escaped: in a title, a comment that is never closed is text someone typed,
 * and read as a comment it would take the rest of the title with it.
 */
function escapeUnclosedComments(html: string): string {
  const lastClose = html.lastIndexOf('-->');
  const from = lastClose < 0 ? 0 : lastClose + 3;
  if (!html.includes('<!--', from)) return html;
  return html.slice(0, from) + html.slice(from).replaceAll('<!--', '&lt;!--');
}

/**
 * Plain text from an HTML fragment: tags stripped, entities decoded, controls removed, whitespace collapsed.
 * Use for titles, names and categories.
 */
export function htmlToPlainText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(stripControls(html));
  const source = escapeUnclosedComments(html);
  const parts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipDepth += 1;
        if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name) && skipDepth > 0) skipDepth -= 1;
        if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(source);
  parser.end();
  return collapseWhitespace(stripControls(parts.join('')));
}

/** The text content of markup, entities decoded, whitespace kept as it is (no block or control handling). */
export function markupTextContent(markup: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext(text) { parts.push(text); } }, { decodeEntities: true, xmlMode: true });
  parser.write(markup);
  parser.end();
  return parts.join('');
}

/** Plain text from a field known to be text (Atom `type="text"`): only controls and whitespace are cleaned. */
export function textToPlainText(text: string): string {
  return collapseWhitespace(stripControls(text));
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * An HTML attribute value as a browser reads it (the HTML spec's attribute-value state, via `entities`, the decoder
 * htmlparser2 uses): numeric references with or without `;`, named entities, legacy ones like `&copy` unless an
 * `=` or alphanumeric follows, NUL, surrogates and out-of-range references as U+FFFD, C1 references as Windows-1252.
 */
export function decodeAttributeValue(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}

/**
 * The text an HTML named entity stands for (`eacute` → "é"), or null when HTML does not define the name.
 * Only the terminated form is tried, so `&copy` without `;` is not a match.
 */
export function decodeHtmlEntityName(name: string): string | null {
  const source = `&${name};`;
  const decoded = decodeHTMLStrict(source);
  // Strict decoding leaves an unknown name as written; a known one is one or two code points.
  return decoded === source ? null : decoded;
}
