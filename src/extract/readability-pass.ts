/**
 * Readability.js on jsdom, locked down: no scripts, no resource loading, a virtual console that swallows
 * the page's noise, and the window closed after every page so memory stays flat.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { blockText } from './block-text.js';
import { postCleanArticle } from './post-clean.js';
import { sanitizeHtml } from './sanitize.js';

/** What Readability found, already post-cleaned. */
export interface ReadabilityArticle {
  title: string | null;
  byline: string | null;
  text: string;
  html: string;
}

/** Known context the post-cleaner uses to drop repeated metadata (bylines, datelines, the headline). */
export interface ArticleContext {
  title: string | null;
  byline: string | null;
}

/** The URL jsdom is given when the page's own URL is not absolute http(s) (jsdom requires a valid URL). */
const PLACEHOLDER_URL = 'https://invalid.invalid/';

/**
 * Runs Readability over already pre-cleaned HTML. Returns null when Readability finds no article (its own
 * "no article" signal). Throws only on broken infrastructure (jsdom itself failing), which the caller turns
 * into a PipelineError.
 */
export function runReadability(html: string, url: string, context: ArticleContext): ReadabilityArticle | null {
  const dom = new JSDOM(html, { url: jsdomUrl(url), virtualConsole: new VirtualConsole() });
  try {
    const reader = new Readability<Element>(dom.window.document, {
      // Keep the live element instead of serializing and re-parsing it.
      serializer: (node) => elementOf(node, dom.window),
      disableJSONLD: true,
    });
    const parsed = reader.parse();
    const content = parsed?.content;
    if (parsed === null || content === null || content === undefined) return null;
    postCleanArticle(content, { title: context.title ?? parsed.title ?? null, byline: context.byline ?? parsed.byline ?? null });
    return {
      title: parsed.title ?? null,
      byline: parsed.byline ?? null,
      text: blockText(content),
      html: sanitizeHtml(content.innerHTML),
    };
  } finally {
    dom.window.close();
  }
}

function elementOf(node: Node, window: JSDOM['window']): Element {
  if (node instanceof window.Element) return node;
  const wrapper = window.document.createElement('div');
  wrapper.appendChild(node);
  return wrapper;
}

function jsdomUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : PLACEHOLDER_URL;
  } catch {
    return PLACEHOLDER_URL;
  }
}
