/**
 * The stored article HTML goes through DOMPurify on jsdom: no scripts, no event handlers, no `javascript:` or
 * `data:` URLs, no SVG or MathML (their namespaces are where most mutation-XSS tricks live).
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { inertWindow } from './inert-window.js';

/** Elements that survive sanitizing: plain article markup only. */
const FORBIDDEN_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'link',
  'meta',
];

/** Attributes that carry URLs; any `data:` value is dropped (DOMPurify allows it on images by default). */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'poster', 'cite', 'action', 'background', 'longdesc', 'xlink:href'];

let purifier: DOMPurify | null = null;

/**
 * One DOMPurify per thread, on the thread's inert jsdom window: sanitizing parses into a fresh inert
 * document each time, so nothing accumulates in the window.
 */
function getPurifier(): DOMPurify {
  if (purifier !== null) return purifier;
  const purify = createDOMPurify(inertWindow());
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value !== null && /^[\s\u0000-\u001f]*data:/i.test(value)) node.removeAttribute(name);
    }
    if (node.nodeName === 'A' && node.hasAttribute('target')) node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = purify;
  return purifier;
}

const CONFIG = { USE_PROFILES: { html: true }, FORBID_TAGS: FORBIDDEN_TAGS, FORBID_ATTR: ['style'], ALLOW_DATA_ATTR: false };

/** Sanitizes an HTML fragment to a string safe to store and later show. */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, CONFIG);
}

/**
 * Sanitizes an element of a document parsed in this thread's inert window in place (no second parse) and
 * returns its inner HTML. The element is modified.
 */
export function sanitizeElementHtml(element: Element): string {
  getPurifier().sanitize(element, { ...CONFIG, IN_PLACE: true });
  return element.innerHTML;
}
