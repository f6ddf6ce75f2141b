/**
 * Post-cleaning of Readability's article element: removes what is not the article but survived Readability.
 * Every rule here was kept because it raised F1 on aeb-dev (see `npm run eval:extract`), not for one page.
 */
import { elementsWithTag } from './readability-fast-paths.js';

/** Known context used to recognise repeated metadata. */
export interface PostCleanContext {
  title: string | null;
  byline: string | null;
}

/** Elements whose text is judged as one unit (a "line" of the article). */
const LINE_ELEMENTS = ['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'section', 'dd', 'dt', 'figcaption'];
const BLOCK_CHILDREN = new Set([
  'P',
  'DIV',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'TABLE',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'PRE',
]);
/** A line is "short" below this many characters: metadata lines are short, paragraphs are not. */
const SHORT_LINE = 100;

const MONTH =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;
const DATELINE_START = /^(published|updated|posted|last updated|last modified|modified|first published)\b/i;
const BYLINE_START = /^(by|from|written by|words by|story by)\s/i;

/**
 * Cleans the article element in place: each leaf block (a block with no block inside) that is short and reads as
 * furniture is removed. Measured on aeb-dev, each rule below raised F1 (ablation: dropping any one costs
 * 0.001–0.003): the headline repeated, a bare URL, boilerplate phrases (subscribe, related, read more…),
 * caption and credit lines, bylines and datelines (also when repeated from the metadata), short link lists.
 */
export function postCleanArticle(article: Element, context: PostCleanContext): void {
  const known = {
    title: context.title === null ? null : comparable(context.title),
    byline: context.byline === null ? null : comparable(context.byline.replace(/^\s*by\s+/i, '')),
  };
  const containers = blockContainers(article);
  // A tree walk, not querySelectorAll: on jsdom the selector engine costs more than the rules themselves.
  for (const element of elementsWithTag(article, LINE_ELEMENTS)) {
    if (containers.has(element) || !article.contains(element)) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text === '' || text.length >= SHORT_LINE * 3) continue;
    if (repeatsPage(text, known.title) || (text.length < SHORT_LINE && (isFurniture(text, known.byline) || isLinkList(element, text)))) {
      element.remove();
    }
  }
}

/** Elements that contain a block element: one upward walk per block, stopping at marked ancestors (linear). */
function blockContainers(article: Element): Set<Element> {
  const containers = new Set<Element>();
  for (const element of Array.from(article.getElementsByTagName('*'))) {
    if (!BLOCK_CHILDREN.has(element.tagName)) continue;
    for (let parent = element.parentElement; parent !== null && !containers.has(parent); parent = parent.parentElement) {
      containers.add(parent);
      if (parent === article) break;
    }
  }
  return containers;
}

/** The headline again, or a bare URL (share widgets print the page's own address). */
function repeatsPage(text: string, title: string | null): boolean {
  return (title !== null && title.length > 0 && comparable(text) === title) || /^(https?:\/\/|www\.)\S+$/i.test(text);
}

const BOILERPLATE_PHRASE =
  /^(subscribe|sign up|sign in|log in|newsletter|you may also like|you might also like|related( articles| stories| posts| content)?|read more|see more|see also|more from|don't miss|advertisement|loading|share( this)?|follow us|recommended|most popular|popular|latest|trending|comments?|get (the|our)|breaking news emails)\b/i;
const CAPTION_TEXT =
  /^©|^(image|photo|photograph|picture|pic|credit|video|source)s?( credit)?\s*:|\((image|photo|picture|pic|credit)s?:[^)]*\)$/i;

/** A short line of page furniture: a boilerplate phrase, a caption/credit, a byline or a dateline. */
function isFurniture(text: string, byline: string | null): boolean {
  const words = text.split(' ').length;
  if (BOILERPLATE_PHRASE.test(text) || CAPTION_TEXT.test(text)) return true;
  if (words <= 12 && (BYLINE_START.test(text) || repeatsByline(comparable(text), byline))) return true;
  if (words <= 14 && DATELINE_START.test(text)) return true;
  return words <= 8 && MONTH.test(text) && !/[.!?]$/.test(text);
}

function repeatsByline(flat: string, byline: string | null): boolean {
  if (byline === null || byline.length < 4) return false;
  return flat.includes(byline) || (flat.length >= 6 && byline.includes(flat));
}

/** Mostly link text: a list of other stories, tags or share targets. */
function isLinkList(element: Element, text: string): boolean {
  let linked = 0;
  for (const link of elementsWithTag(element, ['a'])) linked += (link.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return linked / text.length > 0.6;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
