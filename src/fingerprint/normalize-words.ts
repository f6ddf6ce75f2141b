/**
 * Text → the list of normalized words that shingles are made of.
 */

/** Texts longer than this (in UTF-16 code units) are fingerprinted on their first MAX_TEXT_CHARS only: a cap on work per article. */
export const MAX_TEXT_CHARS = 1_000_000;

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
 * segmented by dictionary), punctuation dropped (also inside words). Only the first MAX_TEXT_CHARS are read.
 */
export function normalizeWords(text: string): string[] {
  const capped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const plain = capped.replace(MARKUP, ' ').replace(ENTITY, decodeEntity).normalize('NFKC').toLowerCase();
  const words: string[] = [];
  for (const part of segmenter.segment(plain)) {
    if (part.isWordLike !== true) continue;
    const word = part.segment.replace(NON_WORD_CHARS, '');
    if (word.length > 0) words.push(word);
  }
  return words;
}
