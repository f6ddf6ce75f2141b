/**
 * Faster equivalents of two Readability.js 0.6 helpers, installed on one Readability instance.
 *
 * A CPU profile of the aeb-dev pages put 36 % of Readability's time in `_getAllNodesWithTag`, which calls
 * `querySelectorAll("p,div,…")`: on jsdom that runs a general CSS selector engine (tokenizer, matcher, cache) for
 * what is a list of tag names. A plain walk over the element tree returns the same elements in the same (document)
 * order. `_isProbablyVisible` reads `node.style` for every candidate, which makes jsdom build a CSS declaration
 * object per element; the pre-pass dropped every `style` attribute (and the elements it hid), so the style test
 * only runs where a style attribute is still present. Results are identical; only the cost differs.
 */
import type { Readability } from '@mozilla/readability';

/** The two internal methods replaced (not in Readability's public typings). */
interface ReadabilityInternals {
  _getAllNodesWithTag(node: ParentNode, tagNames: readonly string[]): Element[];
  _isProbablyVisible(node: Element): boolean;
}

/** Replaces the two helpers on `reader` (an instance, so Readability's prototype stays untouched). */
export function installFastPaths(reader: Readability<unknown>): void {
  const internals = reader as unknown as ReadabilityInternals;
  const styledVisibility = internals._isProbablyVisible.bind(reader);
  internals._getAllNodesWithTag = elementsWithTag;
  internals._isProbablyVisible = (node) => (node.hasAttribute('style') ? styledVisibility(node) : attributesVisible(node));
}

/** Descendants of `root` (not `root` itself, as with `querySelectorAll`) named one of `tagNames`, in document order. */
export function elementsWithTag(root: ParentNode, tagNames: readonly string[]): Element[] {
  const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
  const found: Element[] = [];
  let element = root.firstElementChild;
  while (element !== null) {
    if (wanted.has(element.localName)) found.push(element);
    element = nextInTree(element, root);
  }
  return found;
}

/** The next element in document order below `root`, or null; iterative so no depth can overflow the stack. */
function nextInTree(element: Element, root: ParentNode): Element | null {
  const child = element.firstElementChild;
  if (child !== null) return child;
  for (let current: Element | null = element; current !== null && current !== root; current = current.parentElement) {
    const sibling = current.nextElementSibling;
    if (sibling !== null) return sibling;
    if (current.parentNode === root) return null;
  }
  return null;
}

/** Readability's visibility test without its style part (for elements that have no style attribute). */
function attributesVisible(node: Element): boolean {
  if (node.hasAttribute('hidden')) return false;
  if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
  // SVG and MathML elements have a non-string className.
  return typeof node.className === 'string' && node.className.includes('fallback-image');
}
