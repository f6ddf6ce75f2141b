/**
 * Line keys for the boilerplate-line filter: a text's lines, normalised and hashed, so that the store can learn
 * which lines a site repeats (its CMS widgets, player notices, copyright footers) and the fingerprint can leave them
 * out. Pure: what counts as boilerplate is decided by the store from the stream (see store/boilerplate-lines.ts).
 */
import { hashString32 } from './hash32.js';

/**
 * Lines shorter than this many words are never keyed: "Advertisement" or "Share this" are too short to tell
 * a template from a sentence that happens to recur, and dropping them changes the fingerprint little anyway.
 */
export const MIN_LINE_WORDS = 4;

/** A line as compared: NFKC, lower case, runs of whitespace collapsed to one space, trimmed. */
export function normalizeLine(line: string): string {
  return line.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The key of one line, or null for a line of fewer than {@link MIN_LINE_WORDS} words. */
export function lineKey(line: string): number | null {
  const normalized = normalizeLine(line);
  if (normalized === '' || normalized.split(' ').length < MIN_LINE_WORDS) return null;
  return hashString32(normalized);
}

/** The distinct keys of a text's lines (split on newlines), ascending: what one article contributes to the counts. */
export function lineKeys(text: string): number[] {
  const keys = new Set<number>();
  for (const line of text.split('\n')) {
    const key = lineKey(line);
    if (key !== null) keys.add(key);
  }
  return [...keys].sort((a, b) => a - b);
}

/**
 * The text without the lines whose key is in `keys`; every other line is kept unchanged and in order (the text
 * itself is returned when nothing is removed).
 */
export function withoutLines(text: string, keys: ReadonlySet<number>): string {
  if (keys.size === 0) return text;
  const lines = text.split('\n');
  const kept = lines.filter((line) => {
    const key = lineKey(line);
    return key === null || !keys.has(key);
  });
  return kept.length === lines.length ? text : kept.join('\n');
}
