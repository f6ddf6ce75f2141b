/**
 * The extract stage: an article page in, clean text and metadata out.
 *
 * Cheap before expensive: a streaming pre-pass (caps, dead weight dropped, metadata set aside) and a cheap
 * readability gate run before jsdom and Readability; when the page yields no article, the page's JSON-LD
 * `articleBody` and then the feed item's own content are used, and the result says which method produced the
 * text and why. Pure and synchronous: it runs inside a worker thread of the extractor pool.
 */
import { err, ok, PipelineError, type ExtractedArticle, type ExtractionMethod, type Result } from '../model.js';
import { normalizeText, blockText } from './block-text.js';
import { readJsonLdArticle, type JsonLdArticle } from './json-ld.js';
import { readMetadata, type PageMetadata } from './metadata.js';
import { DEFAULT_PRE_CLEAN_LIMITS } from './pre-clean-limits.js';
import { estimateNestingDepth, preCleanHtml, type PreCleanedPage } from './pre-clean.js';
import { runReadability, type ReadabilityArticle } from './readability-pass.js';
import { inertWindow } from '../shared/inert-window.js';
import { sanitizeHtml } from '../shared/sanitize-html.js';

/** One page to extract. */
export interface ExtractInput {
  url: string;
  html: string;
  /** The feed item's own content, used as a fallback when the page yields no article. */
  feedItem?: { title: string; summary: string | null; contentHtml: string | null; published: string | null };
}

/** Pages nesting containers deeper than this are not parsed (real pages stay under a few hundred). */
const MAX_NESTING_DEPTH = 10_000;
/** Below this many characters of visible text a page cannot hold an article: Readability is not run. */
const GATE_MIN_PAGE_TEXT = 140;
/** Below this many characters an extracted text is "too short" and a fallback is tried. */
const MIN_ARTICLE_CHARS = 200;

/** A candidate text and how it was obtained. */
interface Candidate {
  method: ExtractionMethod;
  text: string;
  html: string | null;
}

/**
 * Extracts the article of one page. Returns an error (never throws) when neither the page, its JSON-LD nor the
 * feed item yields any text (`no_article`), when a page nested beyond 10,000 levels is refused and there is no
 * feed item (`page_refused`), or when the HTML machinery itself fails (`failed`).
 */
export function extractArticle(input: ExtractInput): Result<ExtractedArticle> {
  try {
    return extractFromPage(input);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return err(new PipelineError('extract', 'failed', `unable to extract ${input.url}: ${reason}`, { cause }));
  }
}

function extractFromPage(input: ExtractInput): Result<ExtractedArticle> {
  const depth = estimateNestingDepth(input.html.slice(0, DEFAULT_PRE_CLEAN_LIMITS.maxChars));
  if (depth > MAX_NESTING_DEPTH)
    return extractFromFeedOnly(input, `page nests elements ${depth} deep (limit ${MAX_NESTING_DEPTH}); not parsed`);
  const page = preCleanHtml(input.html);
  const jsonLd = readJsonLdArticle(page.jsonLd);
  const metadata = readMetadata({ url: input.url, headHtml: page.headHtml, htmlLang: page.htmlLang, jsonLd });
  const readable = passesGate(page) ? runReadability(page.html, input.url, { title: metadata.title, byline: metadata.author }) : null;
  const chosen = chooseCandidate(readable, jsonLd, input.feedItem, page);
  if (chosen === null) {
    return err(new PipelineError('extract', 'no_article', `no article text found in ${input.url} (page, JSON-LD and feed item are empty)`));
  }
  return ok(buildArticle(input, metadata, readable, chosen));
}

/** The page is refused: the feed item's content is all there is. */
function extractFromFeedOnly(input: ExtractInput, reason: string): Result<ExtractedArticle> {
  const fromFeed = feedCandidate(input.feedItem);
  if (fromFeed === null || fromFeed.text === '') return err(new PipelineError('extract', 'page_refused', `${input.url}: ${reason}`));
  const metadata: PageMetadata = {
    canonicalUrl: null,
    title: null,
    siteName: null,
    author: null,
    publishedAt: null,
    modifiedAt: null,
    lang: null,
    leadImage: null,
  };
  return ok(buildArticle(input, metadata, null, { ...fromFeed, fallbackReason: reason }));
}

/** The cheap gate: enough visible text in the pre-pass to be worth a jsdom parse. */
function passesGate(page: PreCleanedPage): boolean {
  return page.textLength >= GATE_MIN_PAGE_TEXT;
}

/**
 * Readability when long enough; else JSON-LD `articleBody`; else the feed item; else the longest short text
 * found. The fallback reason names what failed first.
 */
function chooseCandidate(
  readable: ReadabilityArticle | null,
  jsonLd: JsonLdArticle | null,
  feedItem: ExtractInput['feedItem'],
  page: PreCleanedPage,
): (Candidate & { fallbackReason: string | null }) | null {
  const fromPage: Candidate | null = readable === null ? null : { method: 'readability', text: readable.text, html: readable.html };
  if (fromPage !== null && fromPage.text.length >= MIN_ARTICLE_CHARS) return { ...fromPage, fallbackReason: null };
  const reason = fallbackReason(readable, page);
  const candidates = [fromPage, jsonLdCandidate(jsonLd), feedCandidate(feedItem)].filter((candidate) => candidate !== null);
  const longEnough = candidates.find((candidate) => candidate.method !== 'readability' && candidate.text.length >= MIN_ARTICLE_CHARS);
  if (longEnough !== undefined) return { ...longEnough, fallbackReason: reason };
  const longest = candidates.reduce<Candidate | null>(
    (best, next) => (best === null || next.text.length > best.text.length ? next : best),
    null,
  );
  if (longest === null || longest.text === '') return null;
  return { ...longest, fallbackReason: longest.method === 'readability' ? `text shorter than ${MIN_ARTICLE_CHARS} characters` : reason };
}

function fallbackReason(readable: ReadabilityArticle | null, page: PreCleanedPage): string {
  if (!passesGate(page)) return `page has under ${GATE_MIN_PAGE_TEXT} characters of visible text`;
  if (readable === null) return 'readability found no article';
  return `readability text shorter than ${MIN_ARTICLE_CHARS} characters`;
}

function jsonLdCandidate(jsonLd: JsonLdArticle | null): Candidate | null {
  if (jsonLd?.articleBody === null || jsonLd?.articleBody === undefined) return null;
  // articleBody is plain text by schema.org, but CMSs often put HTML in it.
  return /<[a-z][^>]*>/i.test(jsonLd.articleBody)
    ? { method: 'json-ld', ...fragmentTextAndHtml(jsonLd.articleBody) }
    : { method: 'json-ld', text: normalizeText(jsonLd.articleBody), html: paragraphsHtml(normalizeText(jsonLd.articleBody)) };
}

function feedCandidate(feedItem: ExtractInput['feedItem']): Candidate | null {
  if (feedItem === undefined) return null;
  const source = feedItem.contentHtml ?? feedItem.summary;
  if (source === null || source.trim() === '') return null;
  return { method: 'feed', ...fragmentTextAndHtml(source) };
}

/** Text and sanitized HTML of a fragment, parsed in the thread's inert document after the same pre-pass. */
function fragmentTextAndHtml(fragment: string): { text: string; html: string } {
  const cleaned = preCleanHtml(fragment).html.replace(/^<!DOCTYPE html>/, '');
  const container = inertWindow().document.createElement('div');
  container.innerHTML = cleaned;
  const text = blockText(container);
  container.textContent = '';
  return { text, html: sanitizeHtml(cleaned) };
}

/** Plain text as HTML: one escaped `<p>` per line. */
function paragraphsHtml(text: string): string {
  const escape = (line: string): string =>
    line.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
  return text
    .split('\n')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

function buildArticle(
  input: ExtractInput,
  metadata: PageMetadata,
  readable: ReadabilityArticle | null,
  chosen: Candidate & { fallbackReason: string | null },
): ExtractedArticle {
  return {
    url: input.url,
    canonicalUrl: metadata.canonicalUrl,
    // A page that yielded no article (an app shell, an error page) has no trustworthy title either.
    title: normalizeText(
      (chosen.method === 'feed' ? input.feedItem?.title : null) ?? metadata.title ?? readable?.title ?? input.feedItem?.title ?? '',
    ).replace(/\n/g, ' '),
    text: chosen.text,
    html: chosen.html,
    byline: metadata.author ?? nonEmpty(readable?.byline),
    siteName: metadata.siteName,
    lang: metadata.lang,
    publishedAt: metadata.publishedAt ?? input.feedItem?.published ?? null,
    modifiedAt: metadata.modifiedAt,
    leadImage: metadata.leadImage,
    method: chosen.method,
    fallbackReason: chosen.fallbackReason,
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
