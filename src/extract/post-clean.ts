/**
 * Post-cleaning of Readability's article element: removes what is not the article but survived Readability.
 * Every rule here was kept because it raised F1 on aeb-dev (see `npm run eval:extract`), not for one page.
 */

/** Known context used to recognise repeated metadata. */
export interface PostCleanContext {
  title: string | null;
  byline: string | null;
}

/** Elements whose text is judged as one unit (a "line" of the article). */
const LINE_ELEMENTS = 'p, div, li, h1, h2, h3, h4, h5, h6, header, section, dd, dt, figcaption';
const BLOCK_CHILDREN = 'p, div, li, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, section, article, header, pre';
/** A line is "short" below this many characters: metadata lines are short, paragraphs are not. */
const SHORT_LINE = 100;

const RULES = new Set((process.env['EXTRACT_POST'] ?? '').split(','));
const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;
const DATELINE_START = /^(published|updated|posted|last updated|last modified|modified|first published)\b/i;
const BYLINE_START = /^(by|from|written by|words by|story by)\s/i;

/** Cleans the article element in place. */
export function postCleanArticle(article: Element, context: PostCleanContext): void {
  const title = context.title === null ? null : comparable(context.title);
  const byline = context.byline === null ? null : comparable(context.byline.replace(/^\s*by\s+/i, ''));
  const seen = new Set<string>();
  for (const element of Array.from(article.querySelectorAll(LINE_ELEMENTS))) {
    if (!article.contains(element) || element.querySelector(BLOCK_CHILDREN) !== null) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (RULES.has('dedup') && text.length >= 20 && seen.has(text)) {
      element.remove();
      continue;
    }
    seen.add(text);
    if (text.length >= SHORT_LINE * 3) continue;
    if (isNotArticle(text, title, byline) || (RULES.has('linkdense') && isLinkList(element, text))) element.remove();
  }
}

function isLinkList(element: Element, text: string): boolean {
  if (text.length >= SHORT_LINE) return false;
  let linked = 0;
  for (const link of Array.from(element.querySelectorAll('a'))) linked += (link.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return linked / text.length > 0.6;
}

const BOILERPLATE_PHRASE = /^(subscribe|sign up|sign in|log in|newsletter|you may also like|you might also like|related( articles| stories| posts| content)?|read more|see more|see also|more from|don't miss|advertisement|loading|share( this)?|follow us|recommended|most popular|popular|latest|trending|comments?|get (the|our)|breaking news emails)\b/i;
const CAPTION_TEXT = /^©|^(image|photo|photograph|picture|pic|credit|video|source)s?( credit)?\s*:|\((image|photo|picture|pic|credit)s?:[^)]*\)$/i;

function isNotArticle(text: string, title: string | null, byline: string | null): boolean {
  const flat = comparable(text);
  if (RULES.has('title') && title !== null && title.length > 0 && flat === title) return true;
  if (RULES.has('url') && /^(https?:\/\/|www\.)\S+$/i.test(text)) return true;
  if (text.length >= SHORT_LINE) return false;
  if (RULES.has('phrases') && BOILERPLATE_PHRASE.test(text)) return true;
  if (RULES.has('captext') && CAPTION_TEXT.test(text)) return true;
  if (RULES.has('tiny1') && !/\s/.test(text) && !/[.!?:]$/.test(text)) return true;
  if (RULES.has('tiny2') && text.split(' ').length <= 2 && !/[.!?:]$/.test(text)) return true;
  if (RULES.has('byline') && BYLINE_START.test(text) && text.split(' ').length <= 12) return true;
  if (RULES.has('bylinemeta') && byline !== null && byline.length >= 4 && (flat.includes(byline) || (flat.length >= 6 && byline.includes(flat))) && text.split(' ').length <= 12) return true;
  if (RULES.has('dateline') && DATELINE_START.test(text) && text.split(' ').length <= 14) return true;
  if (RULES.has('date') && MONTH.test(text) && text.split(' ').length <= 8 && !/[.!?]$/.test(text)) return true;
  return false;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
