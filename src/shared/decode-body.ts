/**
 * Bytes → text, before any parser sees them.
 *
 * The order follows the WHATWG encoding sniffing algorithm, with one deliberate change: valid UTF-8 beats a
 * declared charset, because feeds very often declare iso-8859-1 and serve UTF-8 (the reverse almost never
 * validates by accident).
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** What a body is: decides which in-document declaration is looked for (XML declaration or HTML `<meta>`). */
export type DocumentKind = 'xml' | 'html';

/** A decoded body and the charset it was decoded from (a lower-case canonical label such as `windows-1251`). */
export interface DecodedBody {
  text: string;
  charset: string;
}

/** How many leading bytes are searched for an in-document declaration. */
const PRESCAN_BYTES = 2048;

/**
 * Labels that browsers decode differently from their literal meaning (WHATWG encoding standard): latin-1 and
 * ASCII are really windows-1252, GBK and GB2312 are decoded by the GB18030 decoder, and so on.
 */
const LABEL_ALIASES: ReadonlyMap<string, string> = new Map([
  ...['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso88591', 'latin1', 'l1', 'cp819', 'ibm819', 'iso-ir-100',
    'us-ascii', 'ascii', 'ansi_x3.4-1968', 'cp1252', 'x-cp1252', 'windows-1252', 'csisolatin1']
    .map((label): [string, string] => [label, 'windows-1252']),
  ...['iso-8859-9', 'iso8859-9', 'latin5', 'l5', 'iso-ir-148', 'windows-1254', 'cp1254']
    .map((label): [string, string] => [label, 'windows-1254']),
  ...['iso-8859-11', 'tis-620', 'windows-874', 'cp874'].map((label): [string, string] => [label, 'windows-874']),
  ...['gb2312', 'gbk', 'x-gbk', 'chinese', 'csgb2312', 'gb18030', 'iso-ir-58']
    .map((label): [string, string] => [label, 'gb18030']),
  ...['shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'ms_kanji', 'ms932', 'windows-31j', 'csshiftjis', 'cp932']
    .map((label): [string, string] => [label, 'shift_jis']),
  ...['euc-kr', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'windows-949', 'cp949', 'cseuckr']
    .map((label): [string, string] => [label, 'euc-kr']),
  ...['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']
    .map((label): [string, string] => [label, 'utf-8']),
  ...['utf-16', 'utf-16le', 'unicode', 'ucs-2', 'csunicode', 'iso-10646-ucs-2', 'unicodefeff']
    .map((label): [string, string] => [label, 'utf-16le']),
  ...['utf-16be', 'unicodefffe'].map((label): [string, string] => [label, 'utf-16be']),
]);

/** The iconv-lite codec name for each canonical label that iconv-lite spells differently. */
const ICONV_NAMES: ReadonlyMap<string, string> = new Map([
  ['euc-kr', 'cp949'],
]);

/**
 * Decodes a body to text: BOM first, then "valid UTF-8 wins", then the Content-Type charset, then the XML
 * declaration (kind `xml`) or `<meta charset>` / `<meta http-equiv>` (kind `html`) in the first 2 KB, else
 * windows-1252 — with iconv-lite. Labels are read like browsers do (iso-8859-1 decodes as windows-1252).
 * A leading BOM never appears in the text.
 */
export function decodeBody(body: Buffer, contentType: string | null, kind: DocumentKind): DecodedBody {
  const bom = sniffBom(body);
  if (bom !== null) return decodeAs(body.subarray(bom.length), bom.charset);
  const declared = charsetFromContentType(contentType);
  // A UTF-16 label is the one case where a valid-UTF-8 check proves nothing: ASCII as UTF-16 is full of NULs,
  // which are valid UTF-8. Without NULs up front the label is wrong, and the body is read by the rules below.
  if (declared !== null && declared.startsWith('utf-16') && body.subarray(0, 64).includes(0)) return decodeAs(body, declared);
  const utf16 = kind === 'xml' ? sniffUtf16Xml(body) : null;
  if (utf16 !== null) return decodeAs(body, utf16);
  if (isUtf8(body)) return decodeAs(body, 'utf-8');
  const inDocument = kind === 'xml' ? charsetFromXmlDeclaration(body) : charsetFromMeta(body);
  const header = declared !== null && declared.startsWith('utf-16') ? null : declared;
  return decodeAs(body, header ?? inDocument ?? 'windows-1252');
}

/**
 * Maps a charset label to the canonical label this module decodes with, or null when the label is unknown
 * (so the next source of truth is tried). Exported for tests and for other stages that meet labels.
 */
export function canonicalCharset(label: string): string | null {
  const cleaned = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (cleaned === '') return null;
  const alias = LABEL_ALIASES.get(cleaned);
  if (alias !== undefined) return alias;
  return iconv.encodingExists(cleaned) ? cleaned : null;
}

/** The charset parameter of a Content-Type header value, canonicalized; null when absent or unknown. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match?.[2] === undefined ? null : canonicalCharset(match[2]);
}

function sniffBom(body: Buffer): { charset: string; length: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** XML 1.0 appendix F: `<?` in UTF-16 without a BOM shows as `00 3C 00 3F` (BE) or `3C 00 3F 00` (LE). */
function sniffUtf16Xml(body: Buffer): string | null {
  if (body.length < 4) return null;
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  return null;
}

/** The `encoding` pseudo-attribute of an XML declaration at the very start of the document. */
function charsetFromXmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*(["'])([A-Za-z0-9._:-]+)\1/.exec(head);
  return match?.[2] === undefined ? null : asciiCompatible(canonicalCharset(match[2]));
}

/** `<meta charset="…">` or `<meta http-equiv="content-type" content="…; charset=…">` in the first 2 KB. */
function charsetFromMeta(body: Buffer): string | null {
  // Comments are removed first so a commented-out meta cannot win; the prescan is bounded, so this stays linear.
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = charsetFromMetaTag(tag[0]);
    if (charset !== null) return asciiCompatible(charset);
  }
  return null;
}

function charsetFromMetaTag(tag: string): string | null {
  const attributes = metaAttributes(tag);
  const charset = attributes.get('charset');
  if (charset !== undefined) return canonicalCharset(charset);
  const content = attributes.get('content');
  const isContentType = attributes.get('http-equiv')?.trim().toLowerCase() === 'content-type';
  return isContentType && content !== undefined ? charsetFromContentType(content) : null;
}

/** Attribute names (lower-cased) → values of one tag; the first occurrence wins, as in HTML. */
function metaAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const name = match[1]?.toLowerCase();
    if (name !== undefined && !attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** A document we could read as ASCII cannot really be UTF-16: browsers then use UTF-8, and so do we. */
function asciiCompatible(charset: string | null): string | null {
  return charset !== null && charset.startsWith('utf-16') ? 'utf-8' : charset;
}

function decodeAs(bytes: Buffer, charset: string): DecodedBody {
  const codec = ICONV_NAMES.get(charset) ?? charset;
  // stripBOM: a BOM that matches the codec is dropped by iconv-lite; ours was already cut off above.
  return { text: iconv.decode(bytes, codec, { stripBOM: true }), charset };
}
