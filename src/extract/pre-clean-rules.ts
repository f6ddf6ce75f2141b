/**
 * Which elements and attributes the pre-pass (pre-clean.ts) keeps or drops: its rule groups. A new
 * extractor rule that runs before Readability goes here.
 */
import type { PreCleanLimits } from './pre-clean-limits.js';

/** Elements dropped with all their content: never article text, often expensive or dangerous. */
export const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'select',
  'textarea',
  'button',
  'dialog',
]);

/** Void or self-contained elements dropped outright (the metadata ones are set aside first). */
export const DROPPED_VOID = new Set(['meta', 'link', 'base', 'input', 'source', 'track', 'param', 'keygen', 'area', 'col']);

export const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
]);

/** Elements kept inside `<head>`: the title (Readability compares headings with it). */
export const HEAD_KEPT = new Set(['title']);

/** Attributes Readability reads (scoring, bylines, lazy images, tables) or the stored HTML keeps. */
const KEPT_ATTRIBUTES = new Set([
  'class',
  'id',
  'href',
  'src',
  'srcset',
  'alt',
  'title',
  'rel',
  'itemprop',
  'itemtype',
  'itemscope',
  'lang',
  'dir',
  'colspan',
  'rowspan',
  'datetime',
  'role',
  'aria-hidden',
  'name',
  'content',
  'property',
  'http-equiv',
  'charset',
  'type',
  'cite',
  'summary',
  'width',
  'height',
  'start',
  'value',
]);
const SAFE_ATTRIBUTE_NAME = /^[a-z_:][-a-z0-9_:.]*$/;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Page furniture: navigation, sidebars, footers (tags and ARIA landmark roles). */
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'figure']);
const BOILERPLATE_ROLES = new Set([
  'navigation',
  'banner',
  'complementary',
  'contentinfo',
  'dialog',
  'alert',
  'alertdialog',
  'menu',
  'menubar',
  'search',
]);
/** Newsletter and subscription prompts, recognised by class or id (never on the page's main containers). */
const PROMPT_PATTERN = /newsletter|subscribe|signup|sign-up/;
const MAIN_CONTAINER_PATTERN = /content|article|body|main/;

/**
 * Drops furniture before Readability sees it. Measured on aeb-dev: figures (images with their captions) and
 * newsletter prompts raise precision without costing recall; nav/aside/footer and landmark roles are neutral
 * there but shrink what jsdom parses. Broader class rules (share, social, related) cost recall and were left out.
 */
export function isBoilerplate(name: string, attribs: Record<string, string>): boolean {
  if (BOILERPLATE_TAGS.has(name)) return true;
  if (BOILERPLATE_ROLES.has((attribs['role'] ?? '').trim().toLowerCase())) return true;
  if (name === 'html' || name === 'body' || name === 'main' || name === 'article') return false;
  const names = `${attribs['class'] ?? ''} ${attribs['id'] ?? ''}`.toLowerCase();
  return PROMPT_PATTERN.test(names) && !MAIN_CONTAINER_PATTERN.test(names);
}

export function isJsonLd(attribs: Record<string, string>): boolean {
  return (attribs['type'] ?? '').trim().toLowerCase() === 'application/ld+json';
}

/** Mirrors Readability's visibility test, so dropping early changes nothing it would have kept. */
export function isHidden(attribs: Record<string, string>): boolean {
  if (attribs['hidden'] !== undefined) return true;
  const style = attribs['style'];
  return style !== undefined && HIDDEN_STYLE.test(style);
}

/**
 * Only attributes Readability or the stored HTML use are kept: event handlers and inline styles go with the
 * rest (scripts are off, and jsdom's CSS parser is a crash source), and jsdom parses less.
 */
export function isKeptAttribute(name: string, value: string, limits: PreCleanLimits): boolean {
  if (!KEPT_ATTRIBUTES.has(name) && !(name.startsWith('data-') && /src|original|lazy/.test(name))) return false;
  return value.length <= limits.maxAttributeLength && SAFE_ATTRIBUTE_NAME.test(name);
}

const BLOCK_BOUNDARIES = new Set([
  'p',
  'div',
  'br',
  'li',
  'td',
  'th',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'blockquote',
  'pre',
  'body',
]);

export function isBlockBoundary(name: string): boolean {
  return BLOCK_BOUNDARIES.has(name);
}
