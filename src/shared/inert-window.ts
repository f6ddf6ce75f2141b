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
  dom ??= new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { virtualConsole: new VirtualConsole() });
  return dom.window;
}

/** Parses a full HTML document in the inert window (scripts never run in DOMParser documents). */
export function parseDocument(html: string): Document {
  return new (inertWindow().DOMParser)().parseFromString(html, 'text/html');
}
