/**
 * Faster equivalents of two Readability.js 0.6 helpers, installed on one Readability instance.
 *
 * A CPU profile of the aeb-dev pages put 36 % of Readability's time in `_getAllNodesWithTag`, which calls
 * `querySelectorAll("p,div,…")`: on jsdom that runs a general CSS selector engine (tokenizer, matcher, cache) for
 * what is a list of tag names. One read of the element tree returns the same elements in the same (document)
 * order. `_isProbablyVisible` reads `node.style` for every candidate, which makes jsdom build a CSS declaration
 * object per element; the pre-pass dropped every `style` attribute (and the elements it hid), so the style test
 * only runs where a style attribute is still present. Results are identical; only the cost differs.
 */
import type { Readability } from '@mozilla/readability';

/** The two internal methods replaced (not in Readability's public typings). */
interface ReadabilityInternals {
  _getAllNodesWithTag(node: Document | Element, tagNames: readonly string[]): Element[];
  _isProbablyVisible(node: Element): boolean;
}

/** Replaces the two helpers on `reader` (an instance, so Readability's prototype stays untouched). */
export function installFastPaths(reader: Readability<unknown>): void {
  const internals = reader as unknown as ReadabilityInternals;
  const styledVisibility = internals._isProbablyVisible.bind(reader);
  internals._getAllNodesWithTag = elementsWithTag;
  internals._isProbablyVisible = (node) => (node.hasAttribute('style') ? styledVisibility(node) : attributesVisible(node));
}

/**
 * Descendants of `root` (not `root` itself, as with `querySelectorAll`) named one of `tagNames`, in document order.
 * One `getElementsByTagName('*')` read by index: jsdom collects it in its own tree code, faster than walking
 * element by element through the DOM accessors (and far faster than iterating the collection with `for…of`).
 */
export function elementsWithTag(root: Document | Element, tagNames: readonly string[]): Element[] {
  const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
  const all = root.getElementsByTagName('*');
  const found: Element[] = [];
  for (let index = 0, count = all.length; index < count; index += 1) {
    const element = all[index];
    if (element !== undefined && wanted.has(element.localName)) found.push(element);
  }
  return found;
}

/** Readability's visibility test without its style part (for elements that have no style attribute). */
function attributesVisible(node: Element): boolean {
  if (node.hasAttribute('hidden')) return false;
  if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
  // SVG and MathML elements have a non-string className.
  return typeof node.className === 'string' && node.className.includes('fallback-image');
}
