/**
 * Per-language stopword lists from the `stopwords-iso` package, plus a cheap language guess from them.
 *
 * Lists are keyed by ISO 639-1 code; a BCP 47 tag such as `en-GB` or `pt_BR` is reduced to its primary subtag.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The language code used when an article's language is unknown and cannot be guessed. */
export const UNKNOWN_LANGUAGE = 'und';

let lists: Map<string, ReadonlySet<string>> | null = null;
let wordLanguages: Map<string, string[]> | null = null;

/** Loads and validates the package's JSON once; a malformed entry is skipped rather than trusted. */
function loadLists(): Map<string, ReadonlySet<string>> {
  if (lists !== null) return lists;
  const raw: unknown = require('stopwords-iso/stopwords-iso.json');
  const out = new Map<string, ReadonlySet<string>>();
  if (typeof raw === 'object' && raw !== null) {
    for (const [lang, words] of Object.entries(raw)) {
      if (!Array.isArray(words)) continue;
      const set = new Set<string>();
      for (const w of words) if (typeof w === 'string') set.add(w.normalize('NFKC').toLowerCase());
      out.set(lang, set);
    }
  }
  lists = out;
  return out;
}

/** Reduces a language tag (`en-US`, `pt_BR`, `EN`) to the lower-case primary subtag, or null when empty. */
export function primaryLanguage(tag: string | null): string | null {
  if (tag === null) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The stopword set of a language code (ISO 639-1), or an empty set when the package has no list for it. */
export function stopwordsFor(lang: string): ReadonlySet<string> {
  return loadLists().get(lang) ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set<string>();

function loadWordLanguages(): Map<string, string[]> {
  if (wordLanguages !== null) return wordLanguages;
  const map = new Map<string, string[]>();
  for (const [lang, set] of loadLists()) {
    for (const w of set) {
      const langs = map.get(w);
      if (langs === undefined) map.set(w, [lang]);
      else langs.push(lang);
    }
  }
  wordLanguages = map;
  return map;
}

/**
 * Guesses the language of lower-cased tokens by which stopword list covers most of them.
 * Cheap by design (one map lookup per token); returns null unless at least `minHits` (default 2) tokens are
 * stopwords of the winning language, since short headlines carry too little evidence.
 */
export function guessLanguage(tokens: readonly string[], minHits = 2): string | null {
  const index = loadWordLanguages();
  const hits = new Map<string, number>();
  for (const token of tokens.slice(0, 400)) {
    for (const lang of index.get(token) ?? []) hits.set(lang, (hits.get(lang) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestHits = minHits - 1;
  for (const [lang, n] of hits) {
    // Ties are broken by code so that the guess never depends on the order of the package's JSON.
    if (n > bestHits || (n === bestHits && best !== null && lang < best)) {
      best = lang;
      bestHits = n;
    }
  }
  return best;
}
