/**
 * Links in feeds are often relative (to xml:base, to the site, to the feed's own URL) and sometimes not links at
 * all. Everything that leaves the parse stage is an absolute http(s) URL or null.
 */

/** Longest URL kept; longer ones are junk or abuse. */
const MAX_URL_LENGTH = 4096;

function tryUrl(value: string, base: string | null): URL | null {
  try {
    return base === null ? new URL(value) : new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * Resolves a possibly relative reference against a base (which may itself be null). Returns the absolute URL when
 * it is http or https, else null (javascript:, data:, mailto: and unparseable values are dropped).
 */
export function resolveHttpUrl(value: string | null | undefined, base: string | null): string | null {
  if (value === null || value === undefined) return null;
  // Whitespace and control characters inside links are a common copy-paste artefact.
  const trimmed = value.replace(/[\s\u0000-\u001F]+/g, '');
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  const url = tryUrl(trimmed, base);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}

/**
 * Resolves an xml:base (or any base) value against its parent base. Unlike `resolveHttpUrl`, a base that does not
 * resolve leaves the parent base in place.
 */
export function resolveBase(value: string | null | undefined, parent: string | null): string | null {
  if (value === null || value === undefined || value.trim() === '') return parent;
  return resolveHttpUrl(value, parent) ?? parent;
}
