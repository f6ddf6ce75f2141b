/**
 * The one check every article passes before it reaches the store, whichever path brought it (a feed, an import
 * file): text that any UTF-8 reader can read back, no control characters, bounded sizes, http(s) links only,
 * dates in a sane range. The feed path's parser already does most of this; import relies on it entirely.
 */
import { createHash } from 'node:crypto';
import { err, ok, PipelineError, type ArticleInput, type Result } from '../model.js';

/** Longest title kept (as for feed titles): longer ones are cut at a word boundary, with "…". */
export const MAX_TITLE_CHARS = 1000;
/** Longest article text stored, in UTF-16 code units; also what the fingerprint reads at most. */
export const MAX_TEXT_CHARS = 1_000_000;
/** Longest article HTML stored; longer HTML is dropped (cutting markup would break it), the text stays. */
export const MAX_HTML_CHARS = 4 * MAX_TEXT_CHARS;
/** Longest outlet, byline, GUID or external id kept. */
export const MAX_LABEL_CHARS = 1000;
/** Longest URL accepted (as in the parse stage). */
export const MAX_URL_CHARS = 4096;
/** Item keys longer than this are replaced by a hash of themselves (as in the parse stage). */
const MAX_KEY_CHARS = 512;
/** Earliest publication year accepted (as in the parse stage). */
const MIN_YEAR = 1900;
/** Dates later than this after `now` are a clock or time-zone mistake and are clamped to `now` (as in the parse stage). */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** UTF-16 halves without their other half: SQLite would store them as invalid UTF-8. */
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Terminal escape sequences, removed whole so that no `[31m` is left behind. */
const ESCAPE_SEQUENCES = /\x1B\[[0-?]*[ -/]*[@-~]?|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x9B[0-?]*[ -/]*[@-~]?|\x1B[@-_]?/g;
/** C0 and C1 controls and the non-characters U+FFFE/U+FFFF, except tab and line breaks. */
const CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/g;
const WHITESPACE_RUNS = /\s+/g;

/** An article that passed, and what was changed to make it pass (for the log). */
export interface ValidArticle {
  article: ArticleInput;
  warnings: string[];
}

/** Text with lone surrogates replaced by U+FFFD and controls removed; tabs and line breaks kept (`\r\n` → `\n`). */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '').replace(/\r\n?/g, '\n');
}

/** One line of text (a title, a name): as {@link cleanText}, with runs of whitespace (line breaks too) made one space, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(WHITESPACE_RUNS, ' ').trim();
}

/**
 * Validates and normalises an article for the store. Text fields are cleaned and capped (with a warning when
 * something was cut or a date clamped); a URL that is not http(s) is refused (`invalid_article`): the feed path
 * never produces one, an import line with one is rejected. Idempotent: a valid article comes back unchanged.
 */
export function validateArticle(input: ArticleInput, now: Date): Result<ValidArticle> {
  const warnings: string[] = [];
  const url = input.url === null ? null : httpUrl(cleanLine(input.url));
  if (input.url !== null && url === null) return err(invalid(`url: expected an absolute http(s) URL, got ${quote(input.url)}`));
  const itemKey = boundedKey(cleanLine(input.itemKey));
  if (itemKey === '') return err(invalid('the article has no identity (empty item key)'));
  const article: ArticleInput = {
    ...input,
    itemKey,
    url,
    canonicalUrl: input.canonicalUrl === null ? null : httpUrl(cleanLine(input.canonicalUrl)),
    source: label(input.source) ?? '',
    externalId: input.externalId === null ? null : label(input.externalId),
    guid: input.guid === null ? null : label(input.guid),
    byline: input.byline === null ? null : label(input.byline),
    lang: input.lang === null ? null : language(input.lang),
    title: title(input.title, warnings),
    text: capText(cleanText(input.text), warnings),
    html: input.html === null ? null : capHtml(cleanText(input.html), warnings),
    publishedAt: saneDate('published', input.publishedAt, now, warnings),
    modifiedAt: saneDate('modified', input.modifiedAt, now, warnings),
    fallbackReason: input.fallbackReason === null ? null : label(input.fallbackReason),
  };
  return ok({ article, warnings });
}

function invalid(message: string): PipelineError {
  return new PipelineError('store', 'invalid_article', message);
}

function httpUrl(value: string): string | null {
  if (value === '' || value.length > MAX_URL_CHARS) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}

function boundedKey(key: string): string {
  if (key.length <= MAX_KEY_CHARS) return key;
  const prefix = /^([a-z]+):/.exec(key)?.[1] ?? 'key';
  return `${prefix}-sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function label(value: string): string | null {
  const line = cleanLine(value);
  if (line === '') return null;
  return line.length <= MAX_LABEL_CHARS ? line : `${line.slice(0, MAX_LABEL_CHARS - 1)}…`;
}

/** A BCP 47 tag is at most 35 characters of letters, digits and hyphens; anything else is no language. */
function language(value: string): string | null {
  const tag = value.trim();
  return /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag) && tag.length <= 35 ? tag : null;
}

function title(value: string, warnings: string[]): string {
  const line = cleanLine(value);
  if (line.length <= MAX_TITLE_CHARS) return line;
  warnings.push(`title cut from ${line.length} to ${MAX_TITLE_CHARS} characters`);
  const cut = line.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function capText(text: string, warnings: string[]): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  warnings.push(`text cut from ${text.length} to ${MAX_TEXT_CHARS} characters`);
  // Never between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
  return text.slice(0, end);
}

function capHtml(html: string, warnings: string[]): string | null {
  if (html.length <= MAX_HTML_CHARS) return html;
  warnings.push(`html of ${html.length} characters not stored (more than ${MAX_HTML_CHARS}); the text is`);
  return null;
}

/** An ISO date from 1900 up to a day ahead of `now`; later ones are clamped to `now`, earlier or invalid ones dropped. */
function saneDate(what: string, value: string | null, now: Date, warnings: string[]): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time) || new Date(time).getUTCFullYear() < MIN_YEAR) {
    warnings.push(`${what} date ${quote(value)} dropped: not a date from ${MIN_YEAR} on`);
    return null;
  }
  if (time > now.getTime() + FUTURE_TOLERANCE_MS) {
    warnings.push(`${what} date ${quote(value)} is in the future: clamped to now`);
    return now.toISOString();
  }
  return new Date(time).toISOString();
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}
