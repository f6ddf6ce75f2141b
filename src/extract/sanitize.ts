/**
 * The stored article HTML goes through DOMPurify on jsdom: no scripts, no event handlers, no `javascript:` or
 * `data:` URLs, no SVG or MathML (their namespaces are where most mutation-XSS tricks live).
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM, VirtualConsole } from 'jsdom';

/** Elements that survive sanitizing: plain article markup only. */
const FORBIDDEN_TAGS = ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'base', 'link', 'meta'];

/** Attributes that carry URLs; any `data:` value is dropped (DOMPurify allows it on images by default). */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'poster', 'cite', 'action', 'background', 'longdesc', 'xlink:href'];

let purifier: { purify: DOMPurify; dom: JSDOM } | null = null;

/**
 * One DOMPurify per thread, on one long-lived inert jsdom window: sanitizing parses into a fresh inert
 * document each time, so nothing accumulates in the window.
 */
function getPurifier(): { purify: DOMPurify; dom: JSDOM } {
  if (purifier !== null) return purifier;
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { virtualConsole: new VirtualConsole() });
  // The DOM lib's Window type and jsdom's DOMWindow differ only in typing; DOMPurify reads the same members.
  const purify = createDOMPurify(dom.window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value !== null && /^[\s\u0000-\u001f]*data:/i.test(value)) node.removeAttribute(name);
    }
    if (node.nodeName === 'A' && node.hasAttribute('target')) node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = { purify, dom };
  return purifier;
}

/** Sanitizes an HTML fragment to a string safe to store and later show. */
export function sanitizeHtml(html: string): string {
  return getPurifier().purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
  });
}

/** The inert window of this thread, for parsing small fragments (feed content) into a DOM. */
export function inertDocument(): Document {
  return getPurifier().dom.window.document;
}
