/**
 * Atom text constructs (title, summary, content …) as xml2js nodes → their value and effective type.
 *
 * Atom 1.0 says what a value is with `type` (`text`, `html`, `xhtml` or a MIME type). Atom 0.3 says it with a MIME
 * `type` (default `text/plain`) and a `mode`: `xml` (the default: inline markup or text), `escaped` (escaped
 * markup, read by the XML parser into the markup itself) or `base64` (the value is encoded, usually HTML).
 */
import { isUtf8 } from 'node:buffer';
import { markupTextContent } from './plain-text.js';
import type { RawText } from './raw-common.js';
import { MARKUP_MARKER } from './repair-structure.js';
import { nodeAttr, nodeText, type XmlNode } from './xml-node.js';

type Mode = 'xml' | 'escaped' | 'base64' | null;

/** Atom 0.3's `mode`, read leniently (case, spaces); null when absent or unknown. */
function modeOf(node: XmlNode): Mode {
  const mode = (nodeAttr(node, 'mode') ?? '').trim().toLowerCase();
  return mode === 'xml' || mode === 'escaped' || mode === 'base64' ? mode : null;
}

/** True for a type that says the value is base64 by itself (a MIME type that is neither text nor XML). */
function isBinaryType(type: string | null): boolean {
  const t = (type ?? '').trim().toLowerCase();
  return t.includes('/') && !t.startsWith('text/') && !t.endsWith('xml') && !t.endsWith('html');
}

/** True for a type that says the value is plain text (`text`, `text/plain`, Media RSS `plain`). */
function isTextType(type: string | null): boolean {
  return /^(text(\/plain)?|plain)$/i.test((type ?? '').trim());
}

function isMarkupLike(type: string): boolean {
  return /html|xml/i.test(type);
}

const LEGACY_TEXT = new TextDecoder('windows-1252');

/**
 * Decodes base64 text. The bytes are UTF-8 when they are valid UTF-8; when `mode="base64"` declared the value
 * text, other bytes are windows-1252 (what non-UTF-8 feeds of that era were). Null when it is not base64 or
 * decodes to nothing.
 */
function decodeBase64(text: string, declared: boolean): string | null {
  if (!/^[A-Za-z0-9+/=_\-\s]+$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) return null;
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return declared ? LEGACY_TEXT.decode(bytes) : null;
}

/**
 * The value of a text construct: decoded when `mode="base64"` says so, or when a binary MIME type does and the
 * value decodes to UTF-8 text (a custom type on plain text is left alone); inline markup as it is written.
 */
function constructValue(node: XmlNode): string {
  const text = nodeText(node);
  const mode = modeOf(node);
  const type = nodeAttr(node, 'type');
  if (mode === 'base64' || (mode === null && isBinaryType(type))) return decodeBase64(text, mode === 'base64') ?? text;
  // Child elements inside an element typed html break the Atom 1.0 rules. When they only wrap escaped HTML
  // (`<div>&lt;p&gt;…</div>`), that escaped HTML is what was meant; otherwise the markup itself is. Atom 0.3's
  // `mode="xml"` says the markup itself is meant.
  if (mode === null && nodeAttr(node, MARKUP_MARKER) !== null && type !== null && /^(text\/)?html$/i.test(type.trim())) {
    const content = markupTextContent(text);
    if (/<[a-z!/]/i.test(content)) return content;
  }
  return text;
}

/**
 * The effective type of a text construct: markup when the element held child markup (the repair pass marks it);
 * HTML when Atom 0.3 says `escaped` or `base64` without saying the value is plain text (such feeds carry HTML
 * that way), and for binary types, whose decoded values are HTML in practice.
 */
function constructType(node: XmlNode): string | null {
  const type = nodeAttr(node, 'type');
  if (nodeAttr(node, MARKUP_MARKER) !== null && (type === null || !isMarkupLike(type))) return 'xhtml';
  const mode = modeOf(node);
  if ((mode === 'escaped' || mode === 'base64') && !isTextType(type)) return type === null || !isMarkupLike(type) ? 'html' : type;
  if (mode === null && isBinaryType(type)) return 'html';
  return type;
}

/** A text construct's value and effective type. */
export function readTextConstruct(node: XmlNode): RawText {
  return { value: constructValue(node), type: constructType(node) };
}
