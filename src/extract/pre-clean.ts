/**
 * The fast pre-pass: one streaming htmlparser2 pass over the page, before jsdom ever sees it.
 *
 * jsdom and Readability cost time (and, on hostile pages, stack) in proportion to what they are given, so
 * everything that cannot be article text is dropped here in linear time: scripts, styles, comments, embedded
 * documents, forms, hidden elements, event-handler and style attributes. Deep nesting is flattened (tags
 * dropped, text kept) because Readability's recursion is quadratic in depth and overflows the stack near
 * depth 4,000. What the metadata reader needs (`<meta>`, `<link>`, `<title>`, JSON-LD) is set aside on the way.
 */
import { Parser } from 'htmlparser2';
import { DEFAULT_PRE_CLEAN_LIMITS, type PreCleanLimits } from './pre-clean-limits.js';
import {
  DROPPED_VOID,
  DROPPED_WITH_CONTENT,
  HEAD_KEPT,
  VOID_ELEMENTS,
  isBlockBoundary,
  isBoilerplate,
  isHidden,
  isJsonLd,
  isKeptAttribute,
} from './pre-clean-rules.js';

/** What the pre-pass hands on. */
export interface PreCleanedPage {
  /** The cleaned document, safe and cheap to give to jsdom. */
  html: string;
  /** Only the metadata-bearing elements (`<title>`, `<meta>`, `<link>`), serialized, for the cheerio reader. */
  headHtml: string;
  /** Raw texts of `<script type="application/ld+json">` blocks. */
  jsonLd: string[];
  /** The `lang` attribute of `<html>`, if any. */
  htmlLang: string | null;
  /** Characters of visible text in the body (whitespace runs counted once). */
  textLength: number;
  /** True when the input was cut at the character cap. */
  truncated: boolean;
}

type FrameKind = 'kept' | 'flattened' | 'dropped' | 'json-ld' | 'title' | 'head';

interface Frame {
  kind: FrameKind;
  name: string;
}

/** Container elements whose nesting the depth estimate counts (tables are left out: htmlparser2 flattens them). */
const NESTING_TAG = /<(\/?)(?:div|span|section|article|blockquote|ul|ol|dl|font|center|main|aside|header|footer|nav|form)\b/gi;

/**
 * A linear estimate of how deep the page nests container elements: opening minus closing tags, at its
 * maximum. htmlparser2 keeps its stack with `Array#unshift`, so parsing is quadratic in depth (seconds at
 * depth 100,000); pages beyond a sane depth are refused before any parse.
 */
export function estimateNestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(NESTING_TAG)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** Mutable state of one pass; kept in one object so the handlers stay small functions. */
class PreCleanState {
  readonly out: string[] = [];
  readonly head: string[] = [];
  readonly jsonLd: string[] = [];
  readonly stack: Frame[] = [];
  htmlLang: string | null = null;
  keptDepth = 0;
  elements = 0;
  dropping = 0;
  jsonLdChars = 0;
  keptText = 0;
  preDepth = 0;
  textLength = 0;
  capture: string[] | null = null;
  lastWasSpace = true;

  constructor(readonly limits: PreCleanLimits) {}
}

/**
 * Cleans a page in one streaming pass. Never throws on bad markup (htmlparser2 is forgiving and every handler
 * is total); time and memory are linear in the input (capped at `limits.maxChars`) except for htmlparser2's
 * cost in nesting depth, which callers bound first with `estimateNestingDepth`.
 */
export function preCleanHtml(html: string, limits: PreCleanLimits = DEFAULT_PRE_CLEAN_LIMITS): PreCleanedPage {
  const truncated = html.length > limits.maxChars;
  const input = truncated ? html.slice(0, limits.maxChars) : html;
  const state = new PreCleanState(limits);
  state.out.push('<!DOCTYPE html>');
  const parser = new Parser(
    {
      onopentag: (name, attribs) => openTag(state, name, attribs),
      onclosetag: (name) => closeTag(state, name),
      ontext: (text) => addText(state, text),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(input);
  parser.end();
  return {
    html: state.out.join(''),
    headHtml: state.head.join(''),
    jsonLd: state.jsonLd,
    htmlLang: state.htmlLang,
    textLength: state.textLength,
    truncated,
  };
}

function openTag(state: PreCleanState, name: string, attribs: Record<string, string>): void {
  if (state.dropping > 0) {
    state.dropping += 1;
    state.stack.push({ kind: 'dropped', name });
    return;
  }
  if (name === 'meta' || name === 'link') state.head.push(serializeOpenTag(name, safeAttributes(state, attribs)));
  if (name === 'html' && state.htmlLang === null) state.htmlLang = nonEmpty(attribs['lang'] ?? attribs['xml:lang']);
  state.stack.push({ kind: classifyOpenTag(state, name, attribs), name });
  const frame = state.stack[state.stack.length - 1];
  if (frame !== undefined) beginFrame(state, frame, attribs);
}

function classifyOpenTag(state: PreCleanState, name: string, attribs: Record<string, string>): FrameKind {
  if (name === 'script' && isJsonLd(attribs) && state.jsonLdChars < state.limits.maxJsonLdChars) return 'json-ld';
  if (name === 'title' && !insideKept(state, 'body')) return 'title';
  if (name === 'head') return 'head';
  if (DROPPED_WITH_CONTENT.has(name) || DROPPED_VOID.has(name) || isHidden(attribs)) return 'dropped';
  if (isBoilerplate(name, attribs)) return 'dropped';
  if (insideKept(state, 'head') && !HEAD_KEPT.has(name)) return 'dropped';
  const tooDeep = state.keptDepth >= state.limits.maxDepth && !VOID_ELEMENTS.has(name);
  if (tooDeep || state.elements >= state.limits.maxElements) return 'flattened';
  return 'kept';
}

function beginFrame(state: PreCleanState, frame: Frame, attribs: Record<string, string>): void {
  switch (frame.kind) {
    case 'dropped':
      state.dropping = 1;
      return;
    case 'json-ld':
    case 'title':
      state.capture = [];
      return;
    case 'head':
    case 'flattened':
      return;
    case 'kept':
      state.elements += 1;
      if (!VOID_ELEMENTS.has(frame.name)) state.keptDepth += 1;
      if (frame.name === 'pre') state.preDepth += 1;
      state.out.push(serializeOpenTag(frame.name, safeAttributes(state, attribs)));
      if (isBlockBoundary(frame.name)) state.lastWasSpace = true;
  }
}

function closeTag(state: PreCleanState, name: string): void {
  const frame = state.stack.pop();
  if (frame === undefined) return;
  if (frame.kind === 'dropped') {
    state.dropping -= 1;
    return;
  }
  if (frame.kind === 'json-ld' || frame.kind === 'title') {
    finishCapture(state, frame.kind);
    return;
  }
  if (frame.kind !== 'kept') return;
  if (VOID_ELEMENTS.has(name)) return;
  state.keptDepth -= 1;
  if (name === 'pre') state.preDepth -= 1;
  state.out.push(`</${name}>`);
}

function finishCapture(state: PreCleanState, kind: 'json-ld' | 'title'): void {
  const text = (state.capture ?? []).join('');
  state.capture = null;
  if (kind === 'json-ld') {
    state.jsonLdChars += text.length;
    state.jsonLd.push(text);
    return;
  }
  const escaped = escapeText(text);
  state.head.push(`<title>${escaped}</title>`);
  state.out.push(`<title>${escaped}</title>`);
}

function addText(state: PreCleanState, text: string): void {
  if (state.capture !== null) {
    state.capture.push(text);
    return;
  }
  if (state.dropping > 0 || insideKept(state, 'head') || state.keptText >= state.limits.maxTextChars) return;
  if (isBlank(text) && !insidePre(state)) {
    // Indentation is most of many pages' text; one character of it means the same to every later stage.
    state.out.push(text.includes('\n') ? '\n' : ' ');
    return;
  }
  const kept = text.length > state.limits.maxTextChars - state.keptText ? text.slice(0, state.limits.maxTextChars - state.keptText) : text;
  state.keptText += kept.length;
  state.out.push(escapeText(kept));
  state.textLength += countVisible(state, kept);
}

function isBlank(text: string): boolean {
  return /^[ \t\n\r\f]*$/.test(text);
}

function insidePre(state: PreCleanState): boolean {
  return state.preDepth > 0;
}

/** Counts characters as they would read, with each whitespace run counted once. */
function countVisible(state: PreCleanState, text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const isSpace = code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 160;
    if (isSpace && state.lastWasSpace) continue;
    state.lastWasSpace = isSpace;
    count += 1;
  }
  return count;
}

/** Whether the innermost open head/body frame is `name` (the stack is shallow where it matters: near the root). */
function insideKept(state: PreCleanState, name: 'head' | 'body'): boolean {
  for (let index = state.stack.length - 1; index >= 0; index -= 1) {
    const frame = state.stack[index];
    if (frame === undefined) continue;
    if (frame.name === 'head' || frame.name === 'body') return frame.name === name;
    if (index < state.stack.length - 8) return false;
  }
  return false;
}

function safeAttributes(state: PreCleanState, attribs: Record<string, string>): Array<[string, string]> {
  const kept: Array<[string, string]> = [];
  for (const name in attribs) {
    if (kept.length >= state.limits.maxAttributes) break;
    const value = attribs[name] ?? '';
    if (!isKeptAttribute(name, value, state.limits)) continue;
    kept.push([name, value]);
  }
  return kept;
}

function serializeOpenTag(name: string, attributes: Array<[string, string]>): string {
  let tag = `<${name}`;
  for (const [attribute, value] of attributes) tag += ` ${attribute}="${escapeAttribute(value)}"`;
  return `${tag}>`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"]/g, (character) => (character === '&' ? '&amp;' : '&quot;'));
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
