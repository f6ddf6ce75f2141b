/**
 * Text transforms of the scale stream. A real story can be told only once in a 60-day stream, and the data folder
 * holds about 2,500 of them, not the 60,000 a million articles need. So the stream retells them in *dialects*:
 * dialect 0 is the real text; dialect d > 0 replaces every word outside the corpus's most common ones by a
 * pseudo-word (a fixed mapping per dialect, case kept), so a retold story keeps its structure — lengths, term
 * frequencies, names as capitalised words, the overlap between its outlets' reports — but shares only the common
 * vocabulary with the original and with other retellings. Wire copies get small edits on top.
 */
import { hashString32 } from '../fingerprint/hash32.js';

const WORD = /\p{L}[\p{L}\p{M}]*/gu;
const CONSONANTS = 'bdfghklmnprstvwz';
const VOWELS = 'aeiou';
// Consonant, vowel, optional coda (8 choices + none): 720 syllables, so 3 syllables name 373 million words.
const CODAS = ['', 'n', 'r', 's', 'l', 't', 'm', 'k', 'x'];
const SYLLABLES: readonly string[] = CODAS.flatMap((coda) =>
  [...VOWELS].flatMap((vowel) => [...CONSONANTS].map((consonant) => `${consonant}${vowel}${coda}`)),
);

/** The `count` most frequent lower-cased words of the texts: kept in every dialect, as a language's common words are. */
export function commonWords(texts: Iterable<string>, count = 400): Set<string> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const match of text.matchAll(WORD)) counts.set(match[0].toLowerCase(), (counts.get(match[0].toLowerCase()) ?? 0) + 1);
  return new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, count)
      .map(([word]) => word),
  );
}

/** The text in dialect `dialect` (0: unchanged). */
export function inDialect(text: string, dialect: number, keep: ReadonlySet<string>): string {
  if (dialect === 0) return text;
  return text.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    if (keep.has(lower)) return word;
    const pseudo = pseudoWord(lower, dialect);
    if (word.charCodeAt(0) === lower.charCodeAt(0)) return pseudo;
    return word.length > 1 && word === word.toUpperCase() ? pseudo.toUpperCase() : `${pseudo.charAt(0).toUpperCase()}${pseudo.slice(1)}`;
  });
}

/** The pseudo-word of a lower-cased word in a dialect: 3-5 syllables from two hashes (longer words, more syllables). */
export function pseudoWord(lower: string, dialect: number): string {
  const syllables = 3 + (lower.length > 7 ? 1 : 0) + (lower.length > 10 ? 1 : 0);
  let bits = hashString32(lower, dialect * 2 + 1);
  let word = '';
  for (let i = 0; i < syllables; i++) {
    // One hash names 3 syllables (720³ < 2³²); the 4th and 5th come from a second one.
    if (i === 3) bits = hashString32(lower, dialect * 2 + 2);
    word += SYLLABLES[bits % SYLLABLES.length];
    bits = Math.floor(bits / SYLLABLES.length);
  }
  return word;
}

/** A wire copy as another outlet runs it: the same text with small edits. */
export interface CopyEdit {
  title: string;
  text: string;
}

/**
 * Small edits of a syndicated copy: sometimes the last paragraph cut (of four or more), one word in 200 swapped for
 * another word of the same text, sometimes a credit line added, sometimes the outlet's name in the headline. Such a
 * copy keeps Jaccard or containment ≥ 0.8 with its original, the near-duplicate bar.
 */
export function editCopy(title: string, text: string, outlet: string, random: () => number): CopyEdit {
  let paragraphs = text.split('\n');
  if (paragraphs.length >= 4 && random() < 0.4) paragraphs = paragraphs.slice(0, -1);
  const tokens = paragraphs.join('\n').split(/(\s+)/);
  const words = tokens.map((token, i) => (/\S/.test(token) ? i : -1)).filter((i) => i >= 0);
  for (let edit = 0; edit < Math.floor(words.length / 200); edit++) {
    const at = words[Math.floor(random() * words.length)] ?? 0;
    const from = words[Math.floor(random() * words.length)] ?? 0;
    tokens[at] = tokens[from] ?? '';
  }
  let edited = tokens.join('');
  if (random() < 0.5) edited += `\n(${CREDITS[Math.floor(random() * CREDITS.length)] ?? ''})`;
  return { title: random() < 0.3 ? `${title} - ${outlet}` : title, text: edited };
}

const CREDITS = [
  'Reporting by staff; editing by the news desk',
  'This story was provided by a wire service',
  'Additional reporting by agencies',
  'Copyright the wire service. All rights reserved.',
];
