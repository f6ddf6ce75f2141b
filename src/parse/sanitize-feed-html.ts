/**
 * Item summaries and content in the model are sanitized with the policy of extracted articles (DOMPurify on the
 * extractor's inert jsdom window, see src/extract/sanitize.ts): no scripts, event handlers, `javascript:` or
 * `data:` URLs, styles, forms, frames, SVG or MathML.
 *
 * DOMPurify on jsdom costs about a millisecond per call and a few tenths of one per element (the 2-core development
 * machine, busy), and a feed is re-parsed whole whenever it changes: 200 items of full content took 2-4 s, against
 * 0.1-0.7 s for the whole parse when the check below let them through. Most feed HTML is plain paragraphs, links and
 * images, so a strict linear check comes first: HTML made only of well-formed tags from a short list of inert
 * elements, with quoted attributes from a short list and http(s) or relative URLs, contains nothing the policy
 * removes and is kept as it is. Anything else, including anything the check cannot read unambiguously (comments,
 * unquoted or unknown attributes, a `<` that does not start such a tag, entities in URLs), goes to DOMPurify.
 */
// The article sanitizer's policy, imported so that feed HTML and article HTML are held to the same rules.
import { sanitizeHtml } from '../shared/sanitize-html.js';
import type { FeedItem } from '../model.js';
import { nonEmpty } from './normalize-fields.js';

/** Elements with no active behaviour and no special parsing rules (no raw text, no foreign content, no forms). */
const INERT_ELEMENTS = new Set([
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'wbr',
]);

/**
 * Attributes the policy keeps unchanged. Not here, so always left to DOMPurify: event handlers, `style`, `id` and
 * `name` (DOM clobbering), `data-*`, `target` (DOMPurify adds `rel` to such links) and every attribute holding
 * URLs except `href`, `src` and `srcset`.
 */
const INERT_ATTRIBUTES = new Set([
  'alt',
  'title',
  'width',
  'height',
  'class',
  'lang',
  'dir',
  'colspan',
  'rowspan',
  'align',
  'loading',
  'decoding',
  'datetime',
  'start',
  'sizes',
]);

const URL_ATTRIBUTES = new Set(['href', 'src']);

/**
 * One tag, matched at a `<`: a start tag with quoted attributes or an end tag. Values hold no `<` or `>`
 * (DOMPurify drops attributes whose value could close a comment or a raw-text element).
 * Each repetition needs a name after the whitespace, so a failed match backtracks over one tag only.
 */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*\/?>/y;
const ATTRIBUTE = /([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * An http(s) or mailto URL, or a relative one (no scheme: no `:` before the first `/`, `?` or `#`). Characters
 * browsers strip or skip in URLs (controls, spaces) and entities other than `&amp;` (`jav&#x61;script:`) are not
 * accepted, so the value the browser reads is the value checked.
 */
function isInertUrl(value: string): boolean {
  if (/[\u0000-\u0020\u007F]|&(?!amp;)/.test(value)) return false;
  return /^(?:https?:\/\/|mailto:)/i.test(value) || /^[^:/?#]*(?:[/?#]|$)/.test(value);
}

/**
 * A `srcset`: every comma-separated piece starts with an inert URL. A URL that itself holds a comma is split into
 * pieces that must each pass, which only ever refuses more.
 */
function isInertSrcset(value: string): boolean {
  return value.split(',').every((candidate) => isInertUrl(candidate.trim().split(/\s+/)[0] ?? ''));
}

function isInertValue(attribute: string, value: string): boolean {
  if (INERT_ATTRIBUTES.has(attribute)) return true;
  if (attribute === 'srcset') return isInertSrcset(value);
  return URL_ATTRIBUTES.has(attribute) && isInertUrl(value);
}

function isInertTag(closing: boolean, name: string, attributes: string): boolean {
  if (!INERT_ELEMENTS.has(name.toLowerCase())) return false;
  if (closing) return attributes === '';
  for (const [, attribute = '', double, single] of attributes.matchAll(ATTRIBUTE)) {
    if (!isInertValue(attribute.toLowerCase(), double ?? single ?? '')) return false;
  }
  return true;
}

/** True when every `<` of the HTML starts an inert, well-formed tag (see the file comment). Linear. */
export function isInertHtml(html: string): boolean {
  let lt = html.indexOf('<');
  while (lt >= 0) {
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (match === null || !isInertTag(match[1] === '/', match[2] ?? '', match[3] ?? '')) return false;
    lt = html.indexOf('<', TAG.lastIndex);
  }
  return true;
}

/** Feed HTML with nothing active left: inert HTML as it is, anything else through DOMPurify. */
export function sanitizeFeedHtml(html: string): string {
  return isInertHtml(html) ? html : sanitizeHtml(html);
}

/** Longest stretch of sanitizing between two turns of the event loop, in milliseconds. */
const SLICE_MS = 20;

function sanitized(html: string | null): string | null {
  return html === null ? null : nonEmpty(sanitizeFeedHtml(html));
}

/**
 * The items with summary and content HTML sanitized, so that no consumer of the model (the store, the web pages,
 * `parse-feed --json`) ever sees active content; titles, names and categories are plain text already. A feed of
 * HTML that is not inert costs seconds, so the event loop gets a turn every SLICE_MS.
 */
export async function sanitizeItems(items: readonly FeedItem[]): Promise<FeedItem[]> {
  const sanitizedItems: FeedItem[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    sanitizedItems.push({ ...item, summary: sanitized(item.summary), contentHtml: sanitized(item.contentHtml) });
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return sanitizedItems;
}
