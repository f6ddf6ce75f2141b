/**
 * Readability.js on jsdom, locked down: the page is parsed by the thread's inert window (no scripts, no
 * resource loading, a virtual console) into a throwaway document, so memory stays flat across pages.
 */
import { Readability } from '@mozilla/readability';
import { blockText } from './block-text.js';
import { inertWindow, parseDocument, releaseDocument } from '../shared/inert-window.js';
import { postCleanArticle } from './post-clean.js';
import { installFastPaths } from './readability-fast-paths.js';
import { sanitizeElementHtml } from '../shared/sanitize-html.js';

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

/** The base URL used when the page's own URL is not absolute http(s). */
const PLACEHOLDER_URL = 'https://invalid.invalid/';

/**
 * Runs Readability over already pre-cleaned HTML. Returns null when Readability finds no article (its own
 * "no article" signal). Throws only on broken infrastructure (jsdom itself failing), which the caller turns
 * into a PipelineError.
 */
export function runReadability(html: string, url: string, context: ArticleContext): ReadabilityArticle | null {
  // The pre-pass removed the page's own <base>; this one makes Readability resolve links against the page URL.
  const document = parseDocument(html.replace(/^<!DOCTYPE html>/, `<!DOCTYPE html><base href="${escapeAttribute(pageUrl(url))}">`));
  try {
    return readArticle(document, context);
  } finally {
    releaseDocument(document);
  }
}

function readArticle(document: Document, context: ArticleContext): ReadabilityArticle | null {
  const reader = new Readability<Element>(document, {
    // Keep the live element instead of serializing and re-parsing it.
    serializer: (node) => elementOf(node, document),
    disableJSONLD: true,
  });
  installFastPaths(reader);
  const parsed = reader.parse();
  const content = parsed?.content;
  if (parsed === null || content === null || content === undefined) return null;
  postCleanArticle(content, { title: context.title ?? parsed.title ?? null, byline: context.byline ?? parsed.byline ?? null });
  const text = blockText(content);
  return { title: parsed.title ?? null, byline: parsed.byline ?? null, text, html: sanitizeElementHtml(content) };
}

function elementOf(node: Node, document: Document): Element {
  if (node instanceof inertWindow().Element) return node;
  const wrapper = document.createElement('div');
  wrapper.appendChild(node);
  return wrapper;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (character) => `&#${character.charCodeAt(0)};`);
}

function pageUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : PLACEHOLDER_URL;
  } catch {
    return PLACEHOLDER_URL;
  }
}
