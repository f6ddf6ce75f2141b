/**
 * Text → the list of normalized words that shingles are made of.
 */

/** Texts longer than this (in UTF-16 code units) are fingerprinted on their first MAX_TEXT_CHARS only: a cap on work per article. */
export const MAX_TEXT_CHARS = 1_000_000;

/** At most this many words are kept (a book-length text costs no more than a long article). */
export const MAX_WORDS = 50_000;

/** Tags are stripped with a bounded pattern so that a stray `<` can never make the scan quadratic. */
const MARKUP = /<\/?[a-zA-Z!][^<>]{0,2000}>/g;
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' '],
  ['mdash', '—'], ['ndash', '–'], ['hellip', '…'], ['rsquo', '’'], ['lsquo', '‘'], ['rdquo', '”'], ['ldquo', '“'],
]);
/** Everything inside a word that is not a letter, mark or digit: "don't" and "dont", "U.S." and "US" become one word. */
const NON_WORD_CHARS = /[^\p{L}\p{M}\p{N}]+/gu;

// A fixed locale keeps word boundaries identical on every machine; ICU's dictionaries for Chinese, Japanese, Thai,
// Lao, Khmer and Burmese apply whatever the locale.
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * A whitespace-delimited token that is one plain word with only breaking punctuation around it ("said," "(word)"
 * "“quoted”"). Under UAX #29 such a token is exactly one word: none of the edge characters joins letters (the
 * apostrophe, period and colon join only *between* two letters or digits, and '_' is left out), so the segmenter
 * is skipped for it — most tokens of most texts, and the segmenter's per-segment objects are the expensive part.
 */
const SIMPLE_TOKEN = /^[!-/:-@[-^`{-~\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*([a-z0-9\u00df-\u00f6\u00f8-\u00ff]+)[!-/:-@[-^`{-~\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;
/**
 * Intl.Segmenter's time grows with (segments × length) of its input — a 20,000-character run of punctuation takes
 * half a second — so no string longer than SEGMENT_CHUNK characters is given to it. Long tokens (CJK or Thai
 * text has no spaces; hostile input has anything) are cut after a character at which UAX #29 always breaks
 * (CHUNK_BREAKERS: sentence, bracket and ASCII punctuation other than the joiners . , ; : ' _), which changes
 * nothing; only a run with no such character for SEGMENT_CHUNK characters is cut hard, which may split one word.
 */
const SEGMENT_CHUNK = 256;
const CHUNK_BREAKERS = new Set('。、！？!?()[]{}<>「」『』【】《》〈〉（）"“”…—|#*=+-/\\&%$@~^`'.split(''));
/** Extending characters attach to the character before them (UAX #29 WB4): never cut right before one. */
const EXTENDING = /[\p{M}\p{Cf}]/u;

/** UAX #29 always breaks at white space, so segmenting token by token finds the same words as the whole text. */
const WHITESPACE = /\s+/;

function decodeEntity(match: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return NAMED_ENTITIES.get(body.toLowerCase()) ?? match;
}

/**
 * Normalized words of a text: markup and HTML entities removed, Unicode NFKC, lower-cased (full case folding
 * where `toLowerCase` does it), split into words by `Intl.Segmenter` (word granularity, so CJK and Thai are
 * segmented by dictionary; plain tokens skip it with the same result, see SIMPLE_TOKEN), punctuation dropped (also
 * inside words). Only the first MAX_TEXT_CHARS (1,000,000) characters are read and MAX_WORDS (50,000) words kept.
 */
export function normalizeWords(text: string): string[] {
  const plain = cleanText(text);
  const words: string[] = [];
  for (const token of plain.split(WHITESPACE)) {
    if (token.length === 0) continue;
    const simple = SIMPLE_TOKEN.exec(token)?.[1];
    if (simple !== undefined) words.push(simple);
    else for (const chunk of chunks(token)) segmentInto(chunk, words);
    if (words.length >= MAX_WORDS) return words.slice(0, MAX_WORDS);
  }
  return words;
}

/** Cuts a token into pieces of at most SEGMENT_CHUNK characters, after a CHUNK_BREAKERS character where there is one. */
function chunks(token: string): string[] {
  if (token.length <= SEGMENT_CHUNK) return [token];
  const out: string[] = [];
  let start = 0;
  while (token.length - start > SEGMENT_CHUNK) {
    let cut = start + SEGMENT_CHUNK;
    while (cut > start + 1 && !(CHUNK_BREAKERS.has(token[cut - 1] ?? '') && !EXTENDING.test(token[cut] ?? ''))) cut--;
    if (cut === start + 1 && !CHUNK_BREAKERS.has(token[start] ?? '')) cut = safeHardCut(token, start, start + SEGMENT_CHUNK);
    out.push(token.slice(start, cut));
    start = cut;
  }
  out.push(token.slice(start));
  return out;
}

/** A hard cut that never separates a surrogate pair or an extending character from its base. */
function safeHardCut(token: string, start: number, at: number): number {
  let cut = at;
  while (cut > start + 1 && (EXTENDING.test(token[cut] ?? '') || /[\uDC00-\uDFFF]/.test(token[cut] ?? ''))) cut--;
  return cut;
}

/** The word-like segments of a text, punctuation inside them removed, appended to `words`. */
function segmentInto(text: string, words: string[]): void {
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike !== true) continue;
    const word = part.segment.replace(NON_WORD_CHARS, '');
    if (word.length > 0) words.push(word);
  }
}

/**
 * The reference definition that normalizeWords implements faster: the same cleaning, then Intl.Segmenter over the
 * whole text. Used by the tests to check that the fast path changes nothing.
 */
export function normalizeWordsBySegmenter(text: string): string[] {
  const words: string[] = [];
  segmentInto(cleanText(text), words);
  return words.slice(0, MAX_WORDS);
}

function cleanText(text: string): string {
  const capped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  return capped.replace(MARKUP, ' ').replace(ENTITY, decodeEntity).normalize('NFKC').toLowerCase();
}
