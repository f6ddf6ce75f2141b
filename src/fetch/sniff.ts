/**
 * Content sniffing: is this body plausibly a feed, or plausibly an HTML page? Servers mislabel feeds all the
 * time (text/html, text/plain, application/octet-stream), so the body decides; the Content-Type only settles
 * clear binary types and what counts as a page.
 */

/** Magic numbers of formats that are never feeds nor pages. */
const MAGIC: ReadonlyArray<{ name: string; bytes: number[]; offset?: number }> = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip-compressed data', bytes: [0x1f, 0x8b] },
];

const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(pdf|zip|gzip|x-gzip|octet-stream-binary|msword|vnd\.)/;

/** A reason why `body` is not a feed, or null when it looks like XML or JSON. */
export function notAFeedReason(body: Buffer, text: string, contentType: string | null): string | null {
  const binary = binaryKind(body);
  if (binary !== null) return `the body is ${binary}, not a feed`;
  const mime = mediaType(contentType);
  if (mime !== null && BINARY_TYPES.test(mime)) return `the Content-Type is ${mime}, not a feed`;
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head === '') return 'the body is empty';
  if (head.startsWith('{')) return null; // JSON Feed
  if (!head.startsWith('<')) return `the body is not XML or JSON (starts with ${JSON.stringify(head.slice(0, 20))})`;
  return looksLikeHtml(head) ? 'the body is an HTML page, not a feed' : null;
}

/** A reason why a page is not an HTML article page, or null when it is text/html or application/xhtml+xml. */
export function notHtmlReason(body: Buffer, text: string, contentType: string | null): string | null {
  const mime = mediaType(contentType);
  if (mime === 'text/html' || mime === 'application/xhtml+xml') {
    const binary = binaryKind(body);
    return binary === null ? null : `the body is ${binary} although labelled ${mime}`;
  }
  // Without a Content-Type the body may still prove itself HTML (a browser would sniff it too).
  if (mime === null && binaryKind(body) === null && looksLikeHtml(text.slice(0, 4096).trimStart())) return null;
  return `the Content-Type is ${mime ?? 'missing'}, not text/html or application/xhtml+xml`;
}

/** The media type of a Content-Type value, lower-cased, without parameters; null when absent or empty. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

function binaryKind(body: Buffer): string | null {
  for (const magic of MAGIC) {
    const offset = magic.offset ?? 0;
    if (body.length >= offset + magic.bytes.length && magic.bytes.every((byte, index) => body[offset + index] === byte)) {
      return magic.name;
    }
  }
  return null;
}

/** The start of the document (after an XML declaration, comments and a doctype) names an html root. */
function looksLikeHtml(head: string): boolean {
  const lower = head.toLowerCase();
  if (/^<!doctype\s+html/.test(lower)) return true;
  const root = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*>\s*|<!doctype[^>]*>\s*)*<([a-z][a-z0-9:-]*)/.exec(lower);
  const name = root?.[1];
  return name === 'html' || name === 'head' || name === 'body';
}
