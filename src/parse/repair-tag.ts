/**
 * Start tags as feeds write them (unquoted values, attributes without values, the same attribute twice) read
 * leniently and written back well-formed, so the strict XML parser downstream never sees a malformed tag.
 */
import { canonicalAttributeName, canonicalElementName } from './element-names.js';
import { repairAmpersands, type CharacterRepairs } from './repair-characters.js';

/** A start tag: its qualified name (canonical spelling, see element-names.ts), attributes (values as written, entities not decoded) and whether it closes. */
export interface StartTag {
  name: string;
  /** The name as the document spells it. */
  writtenName: string;
  attributes: Map<string, string>;
  selfClosing: boolean;
  /** True when the tag had to be rewritten to be well-formed. */
  repaired: boolean;
}

/** An XML name, approximately: what a strict parser accepts as element or attribute name. */
const XML_NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*$/;

const SPACE = /\s/;

function skipSpace(tag: string, i: number, end: number): number {
  let j = i;
  while (j < end && SPACE.test(tag.charAt(j))) j += 1;
  return j;
}

/** Reads one attribute value at `i` (quoted, or unquoted up to the next space); returns it and where it ends. */
function readValue(tag: string, i: number, end: number): { value: string; next: number; quoted: boolean } {
  const quote = tag.charAt(i);
  if (quote === '"' || quote === "'") {
    const close = tag.indexOf(quote, i + 1);
    const stop = close < 0 || close > end ? end : close;
    return { value: tag.slice(i + 1, stop), next: stop + 1, quoted: close >= 0 && close <= end };
  }
  let j = i;
  while (j < end && !SPACE.test(tag.charAt(j))) j += 1;
  return { value: tag.slice(i, j), next: j, quoted: false };
}

/**
 * Reads a start tag (`<name attr="v" …>` or `…/>`) in one linear pass, feed vocabulary names in their canonical
 * spelling. Returns null when the element name is not an XML name (then the `<` was text, not a tag).
 */
export function parseStartTag(raw: string): StartTag | null {
  const selfClosing = raw.endsWith('/>');
  const end = raw.length - (selfClosing ? 2 : 1);
  let i = 1;
  while (i < end && !SPACE.test(raw.charAt(i)) && raw.charAt(i) !== '/') i += 1;
  const written = raw.slice(1, i);
  if (!XML_NAME.test(written)) return null;
  const name = canonicalElementName(written);
  const attributes = new Map<string, string>();
  let repaired = false;
  while (i < end) {
    i = skipSpace(raw, i, end);
    const start = i;
    while (i < end && !SPACE.test(raw.charAt(i)) && raw.charAt(i) !== '=') i += 1;
    const attribute = canonicalAttributeName(raw.slice(start, i));
    i = skipSpace(raw, i, end);
    let value = '';
    if (raw.charAt(i) === '=') {
      const read = readValue(raw, skipSpace(raw, i + 1, end), end);
      value = read.value;
      i = read.next;
      repaired ||= !read.quoted;
    } else if (attribute !== '') {
      repaired = true;
    }
    if (attribute === '') {
      i += 1;
      continue;
    }
    if (!XML_NAME.test(attribute) || attributes.has(attribute)) {
      repaired = true;
      continue;
    }
    attributes.set(attribute, value);
  }
  return { name, writtenName: written, attributes, selfClosing, repaired };
}

/** Writes a start tag back, values quoted and escaped, ampersands repaired. */
export function serializeStartTag(tag: StartTag, repairs: CharacterRepairs): string {
  let out = `<${tag.name}`;
  for (const [name, value] of tag.attributes) {
    // `>` is escaped too, so the first `>` of a written tag is always its end.
    const escaped = repairAmpersands(value, repairs).replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    out += ` ${name}="${escaped}"`;
  }
  return out + (tag.selfClosing ? '/>' : '>');
}
