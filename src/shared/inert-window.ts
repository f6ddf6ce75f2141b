/**
 * One long-lived, inert jsdom window per thread: no scripts, no resource loading, a virtual console.
 *
 * Creating a jsdom window costs more than parsing a typical article (every DOM interface is installed anew),
 * so pages are parsed with this window's DOMParser instead: each page becomes a fresh document that is dropped
 * (and garbage-collected) after use, so memory stays flat without a window per page.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

let dom: JSDOM | null = null;

/** The thread's inert window, created on first use. */
export function inertWindow(): JSDOM['window'] {
  if (dom === null) {
    dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { virtualConsole: new VirtualConsole() });
    ignoreListeners(dom.window);
  }
  return dom.window;
}

/**
 * The window never runs a script, so no event is ever dispatched on it. Yet jsdom's selector engine, created
 * lazily for each document that runs a selector (`querySelector`, a base-URL lookup), registers nine focus and
 * mouse listeners on the window for its cache: they were never removed, so every page parsed in this window
 * stayed reachable until the worker was replaced (measured: 9 listeners and ~1 MB of heap more per page), and
 * each registration scanned all the earlier ones. Listeners added to this window are therefore ignored.
 */
function ignoreListeners(window: JSDOM['window']): void {
  Object.defineProperty(window, 'addEventListener', { value: () => undefined, configurable: true, writable: true });
}

/**
 * Parses a full HTML document in the inert window (scripts never run in DOMParser documents). Call
 * `releaseDocument` when done with it.
 */
export function parseDocument(html: string): Document {
  return new (inertWindow().DOMParser)().parseFromString(html, 'text/html');
}

/**
 * Empties a document from `parseDocument` so it can be garbage-collected. jsdom registers every element with an
 * `id` (or a `name`) of any document created in a window as a named property of that window (`window.foo`), and
 * unregisters it only when the element is detached: without this, every page parsed in the long-lived window
 * stayed in memory, whole, until the worker was replaced (about 1 MB per page on aeb-dev).
 */
export function releaseDocument(document: Document): void {
  document.replaceChildren();
}
