/**
 * HTML built by a tagged template that escapes every interpolated value: a page can only contain markup that was
 * written in a template here, or that was explicitly marked as already safe (the article HTML sanitized at write
 * time, see {@link trustedHtml}).
 */
import { escapeMarkup } from '../shared/escape-markup.js';

/** A fragment of HTML that is safe to put in a page as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: text (escaped), numbers, safe fragments, lists of those; null/undefined/false print nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** The `html` tag: literal parts stay as written, every interpolated value is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  const text = String(value);
  // Most values (numbers, ids, plain words) have nothing to escape: skip the five replacements for them.
  return /[&<>"']/.test(text) ? escapeMarkup(text) : text;
}

/**
 * Marks stored article HTML as safe. Only for `articles.html`, which was sanitized by DOMPurify before it was
 * stored; the page's Content-Security-Policy is the second line of defence.
 */
export function trustedHtml(sanitizedAtWriteTime: string): SafeHtml {
  return new SafeHtml(sanitizedAtWriteTime);
}

/** An http(s) URL as an outbound link target, or null for anything else (javascript:, data:, relative junk). */
export function outboundHref(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link to another site: opened without an opener and without a referrer; plain text when the URL is not http(s). */
export function outboundLink(url: string | null, label: HtmlValue): SafeHtml {
  const href = outboundHref(url);
  return href === null ? html`<span>${label}</span>` : html`<a href="${href}" rel="noopener noreferrer" class="out">${label}</a>`;
}
