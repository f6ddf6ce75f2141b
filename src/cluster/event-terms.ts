/**
 * The event representation of an article: weighted term frequencies over distinctive words, capitalised
 * multi-word names and figures, with the headline and the lead weighted up.
 *
 * Wording differs between outlets; what they share is *what* happened, to *whom*, *where* and *how many*.
 * So the representation drops stopwords of the article's language, keeps every figure, adds each multi-word
 * name as one extra feature, and counts headline and lead words several times. IDF is applied later, from
 * corpus statistics (see event-index.ts), so this module is pure.
 *
 * Names weigh more than common words (`properNoun`), but a capital only says so inside a sentence written in
 * sentence case: at a sentence start, and in a headline written in Title Case (about half of all headlines),
 * every word has one. There the corpus decides instead (truecasing): the article reports, per term, whether it
 * was seen capitalised or lower-case inside a sentence-case sentence (`capitalised` / `lowercase`), the caller
 * keeps those counts per language, and passes them back (`CaseCounts`), so that "Titanfall" in a Title Case
 * headline is weighted as the name it is elsewhere in the stream, and "Review" as the common word it is. This
 * works for every cased script and needs no word list; uncased scripts simply have no evidence.
 */
import { stemmerFor, type Stemmer } from './stemmers.js';
import { guessLanguage, primaryLanguage, stopwordsFor, UNKNOWN_LANGUAGE } from './stopwords.js';

/** Weights of the event representation; every field is documented with its default in DEFAULT_TERM_WEIGHTS. */
export interface TermWeights {
  /** How many times a headline occurrence counts. */
  title: number;
  /** How many times an occurrence in the lead (the first `leadTokens` tokens of the text) counts. */
  lead: number;
  /** How many times any other body occurrence counts. */
  body: number;
  /** Length of the lead in tokens. */
  leadTokens: number;
  /** Extra multiplier of a capitalised multi-word name feature (`n:` prefix). */
  name: number;
  /** Extra multiplier of a token holding a digit (dates, tolls, scores, magnitudes). */
  number: number;
  /** Extra multiplier of a capitalised word inside a sentence (a proper noun in cased scripts). */
  properNoun: number;
  /** Weight of a single capitalised word inside a sentence as an `n:` name feature too (0 = not a name). */
  singleName: number;
  /** Tokens are cut to this many characters: a language-neutral light stemmer (0 = off). */
  stemLength: number;
  /** 1 = reduce words to their Snowball stem in the article's language (where Snowball has a stemmer); 0 = off. */
  stemming: number;
  /** 1 = words of unspaced scripts (Chinese, Japanese, Thai) from Intl.Segmenter; 0 = character bigrams. */
  segmentWords: number;
  /**
   * In languages that write compounds as one word (German, Dutch, the Nordic languages), a long word also counts
   * its two parts, each this many times, when the stream knows both parts as words of their own ("Bundesregierung"
   * → "bund", "regierung"): one outlet's "Flüchtlingsheim" is another's "Heim für Flüchtlinge". 0 = off.
   */
  compoundParts: number;
  /**
   * Pseudo-count of lower-case evidence when learning from the corpus whether a term is a name (see
   * CaseCounts): a token whose capital is uninformative gets `1 + (properNoun − 1) · C / (C + L + caseSmoothing)`,
   * with C and L the documents that had it capitalised / lower-case inside a sentence-case sentence.
   */
  caseSmoothing: number;
  /** Text beyond this many characters is ignored (a cap against giant pages). */
  maxChars: number;
}

/**
 * Defaults (chosen by the sweep in src/eval/eval-clusters.ts): title 3, lead 2, body 1, leadTokens 60, name 1.5,
 * number 2, properNoun 3, singleName 0, stemLength 0, stemming 0, segmentWords 0, compoundParts 0, caseSmoothing 1, maxChars 20000.
 */
export const DEFAULT_TERM_WEIGHTS: TermWeights = {
  title: 3,
  lead: 2,
  body: 1,
  leadTokens: 60,
  name: 1.5,
  number: 2,
  properNoun: 3,
  singleName: 0,
  stemLength: 0,
  stemming: 0,
  segmentWords: 0,
  compoundParts: 0,
  caseSmoothing: 1,
  maxChars: 20_000,
};

/** An article's event representation before IDF. */
export interface EventTerms {
  /** The language the stopwords came from (`und` when unknown). */
  lang: string;
  /** Sublinear weighted term frequency per feature (`ln(1 + weighted count)`). */
  tf: Map<string, number>;
  /** Terms this article has capitalised inside a sentence-case sentence (evidence that the term is a name). */
  capitalised: Set<string>;
  /** Terms this article has in lower case inside a sentence-case sentence (evidence that it is not). */
  lowercase: Set<string>;
}

/**
 * The corpus's case evidence for a term of the article's language: in how many earlier documents it was seen
 * capitalised, and in how many lower-case, inside a sentence-case sentence.
 */
export type CaseCounts = (term: string) => { capitalised: number; lowercase: number };

interface Token {
  /** Lower-cased, NFKC. */
  word: string;
  /** Starts with an upper-case letter. */
  capital: boolean;
  /** First token of a sentence (its capital says nothing). */
  sentenceStart: boolean;
}

// Figures keep their decimal and thousands separators ("6.6", "6,700"): split, they would be noise digits.
const TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{M}])|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const SENTENCE_BREAK_RE = /[.!?:;\n"“”«»()|>]/;

// Scripts written without spaces: a "word" match is a whole phrase there, so it is split into character bigrams.
const UNSPACED_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Word segmenters for scripts written without spaces, one per script family (built once: they are costly). */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(run: string): Intl.Segmenter {
  const locale = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(run)
    ? 'ja'
    : /\p{Script=Thai}/u.test(run)
      ? 'th'
      : /\p{Script=Han}/u.test(run)
        ? 'zh'
        : 'und';
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** The words of a run of unspaced script: dictionary words from Intl.Segmenter, or character bigrams. */
function unspacedWords(run: string, segment: boolean): string[] {
  if (segment) return [...segmenterFor(run).segment(run)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`.toLowerCase());
  return out;
}

/**
 * Splits text into word tokens, remembering capitalisation and sentence starts (for names). Runs of scripts written
 * without spaces (Chinese, Japanese, Thai…) become dictionary words (`segment`, Intl.Segmenter) or character bigrams.
 */
export function tokenize(text: string, segment = false): Token[] {
  const normalized = text.normalize('NFKC');
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of normalized.matchAll(TOKEN_RE)) {
    const raw = match[0];
    const start = match.index;
    const sentenceStart = tokens.length === 0 || SENTENCE_BREAK_RE.test(normalized.slice(previousEnd, start));
    previousEnd = start + raw.length;
    if (UNSPACED_RE.test(raw) && raw.length > 2) {
      for (const [i, word] of unspacedWords(raw, segment).entries())
        tokens.push({ word, capital: false, sentenceStart: sentenceStart && i === 0 });
      continue;
    }
    const first = raw.charAt(0);
    tokens.push({ word: raw.toLowerCase(), capital: first !== first.toLowerCase(), sentenceStart });
  }
  return tokens;
}

/** Resolves the language: the article's own tag first, else a stopword-based guess, else `und`. */
export function resolveLanguage(lang: string | null, tokens: readonly Token[]): string {
  return primaryLanguage(lang) ?? guessLanguage(tokens.map((t) => t.word)) ?? UNKNOWN_LANGUAGE;
}

/** Adds one field's tokens, each occurrence counted `weight` times (lead tokens `leadWeight` times). */
function addField(
  counts: Map<string, number>,
  field: Field,
  lex: Lexicon,
  weights: TermWeights,
  fieldWeight: (index: number) => number,
  nameBoost: (term: string) => number,
  learnedName: (term: string) => boolean,
): void {
  const { tokens, titleCase } = field;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    const term = termOf(token.word, lex.stop, weights.stemLength, lex.stem);
    if (term === null) continue;
    const informative = !token.sentenceStart && !titleCase;
    const boost = /\p{N}/u.test(term) ? weights.number : informative ? (token.capital ? weights.properNoun : 1) : nameBoost(term);
    counts.set(term, (counts.get(term) ?? 0) + fieldWeight(i) * boost);
    if (lex.known === null) continue;
    const known = lex.known;
    const parts = compoundParts(token.word, (w) => termOf(w, lex.stop, weights.stemLength, lex.stem), known);
    for (const part of parts ?? []) counts.set(part, (counts.get(part) ?? 0) + fieldWeight(i) * weights.compoundParts);
  }
  addNames(counts, field, lex, weights, fieldWeight, learnedName);
}

/** How words of the article's language become terms: its stopwords and its stemmer (null: none, or stemming off). */
interface Lexicon {
  stop: ReadonlySet<string>;
  stem: Stemmer | null;
  /** True for a term the stream has seen as a word of its own (compound parts must be such words); null: no splitting. */
  known: ((term: string) => boolean) | null;
}

/** Languages that write compounds as one word. */
const COMPOUNDING = new Set(['de', 'nl', 'sv', 'da', 'no', 'nb', 'nn', 'fi', 'is', 'af']);
/** Shortest compound split, and shortest part. */
const MIN_COMPOUND = 10;
const MIN_PART = 4;
/** Linking elements between a compound's parts (German -s-, -es-, -n-, -en-, -e-; Dutch -s-, -en-). */
const LINKS = ['', 's', 'es', 'n', 'en', 'e'];

/**
 * The two parts of a compound word as terms, the longest known head first, or null. Both parts must be words the
 * stream knows on their own, so that no dictionary is needed and a name is never cut into syllables.
 */
export function compoundParts(
  word: string,
  toTerm: (w: string) => string | null,
  known: (term: string) => boolean,
): [string, string] | null {
  if (word.length < MIN_COMPOUND || /\p{N}/u.test(word)) return null;
  for (let i = MIN_PART; i <= word.length - MIN_PART; i += 1) {
    const head = toTerm(word.slice(i));
    if (head === null || !known(head)) continue;
    for (const link of LINKS) {
      const left = word.slice(0, i);
      if (!left.endsWith(link) || left.length - link.length < MIN_PART) continue;
      const modifier = toTerm(left.slice(0, left.length - link.length));
      if (modifier !== null && known(modifier)) return [modifier, head];
    }
  }
  return null;
}

/** A field's tokens and whether it is written in Title Case. */
interface Field {
  tokens: Token[];
  titleCase: boolean;
}

/** Records which terms a field has capitalised or lower-case inside sentence-case sentences (cased letters only). */
function addCaseEvidence(field: Field, lex: Lexicon, weights: TermWeights, capitalised: Set<string>, lowercase: Set<string>): void {
  if (field.titleCase) return;
  for (const token of field.tokens) {
    if (token.sentenceStart) continue;
    const first = token.word.charAt(0);
    if (first === first.toUpperCase()) continue; // a digit or an uncased script: no evidence
    const term = termOf(token.word, lex.stop, weights.stemLength, lex.stem);
    if (term !== null) (token.capital ? capitalised : lowercase).add(term);
  }
}

/**
 * The term of a word, or null for stopwords and single letters; figures are kept even when listed as stopwords.
 * Words are reduced by the language's stemmer when one is given, else cut to `stemLength` characters (0 = whole).
 */
export function termOf(word: string, stop: ReadonlySet<string>, stemLength: number, stem: Stemmer | null = null): string | null {
  const hasDigit = /\p{N}/u.test(word);
  if (!hasDigit && (word.length < 2 || stop.has(word))) return null;
  if (hasDigit) return word;
  if (stem !== null) return stem(word);
  return stemLength > 0 ? word.slice(0, stemLength) : word;
}

/** True for text written in Title Case (most words inside sentences capitalised): its capitals name nothing. */
export function isTitleCase(tokens: readonly Token[]): boolean {
  const inner = tokens.filter((t) => !t.sentenceStart);
  const capitals = inner.filter((t) => t.capital).length;
  return inner.length >= 3 && capitals / inner.length > 0.6;
}

/**
 * Adds every run of two or more capitalised tokens inside a sentence as one `n:` feature. In a field written in
 * Title Case (most words capitalised, as many headlines are) and at a sentence start, capitals say nothing: there
 * a token counts as capitalised when the corpus has mostly seen it so (`learnedName`; never without evidence).
 */
function addNames(
  counts: Map<string, number>,
  field: Field,
  lex: Lexicon,
  weights: TermWeights,
  fieldWeight: (index: number) => number,
  learnedName: (term: string) => boolean,
): void {
  // Where a capital says nothing (a Title Case field, a sentence start), the corpus's case evidence decides.
  const tokens = field.tokens.map((t) => {
    if (!field.titleCase && !t.sentenceStart) return { ...t, learned: false };
    const term = termOf(t.word, lex.stop, weights.stemLength, lex.stem);
    const learned = term !== null && !/\p{N}/u.test(term) && learnedName(term);
    return { ...t, capital: field.titleCase ? learned : t.capital, learned };
  });
  let run: (Token & { learned: boolean })[] = [];
  let runStart = 0;
  const flush = (): void => {
    // Trim capitalised stopwords at the edges: "The White House" → "white house".
    while (run.length > 0 && lex.stop.has(run[0]?.word ?? '')) run = run.slice(1);
    while (run.length > 0 && lex.stop.has(run[run.length - 1]?.word ?? '')) run = run.slice(0, -1);
    // A single capitalised word counts as a name only inside a sentence, where its capital means something.
    const single = run.length === 1 && (run[0]?.sentenceStart === false || run[0]?.learned === true) && weights.singleName > 0;
    if ((run.length >= 2 && run.length <= 6) || single) {
      const name = `n:${run.map((t) => t.word).join(' ')}`;
      const weight = run.length === 1 ? weights.singleName : weights.name;
      counts.set(name, (counts.get(name) ?? 0) + fieldWeight(runStart) * weight);
    }
    run = [];
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    const joinsRun = token.capital && (run.length === 0 || !token.sentenceStart);
    if (!joinsRun) flush();
    if (token.capital) {
      if (run.length === 0) runStart = i;
      run.push(token);
    }
  }
  flush();
}

/**
 * Builds the event representation of a headline and a text (either may be empty). `caseCounts` gives the
 * corpus's case evidence per language (see CaseCounts); without it, only capitals inside sentence-case sentences
 * mark names. The article's own evidence is counted in with the corpus's.
 */
export function eventTerms(
  title: string,
  text: string,
  lang: string | null,
  weights: TermWeights = DEFAULT_TERM_WEIGHTS,
  caseCounts: ((lang: string) => CaseCounts) | null = null,
): EventTerms {
  const segment = weights.segmentWords > 0;
  const titleTokens = tokenize(title.slice(0, 1_000), segment);
  const textTokens = tokenize(text.slice(0, weights.maxChars), segment);
  const resolved = resolveLanguage(lang, titleTokens.length + textTokens.length > 0 ? [...titleTokens, ...textTokens] : []);
  const lex: Lexicon = { stop: stopwordsFor(resolved), stem: weights.stemming > 0 ? stemmerFor(resolved) : null, known: null };
  const fields: Field[] = [titleTokens, textTokens].map((tokens) => ({ tokens, titleCase: isTitleCase(tokens) }));
  const capitalised = new Set<string>();
  const lowercase = new Set<string>();
  for (const field of fields) addCaseEvidence(field, lex, weights, capitalised, lowercase);
  const corpus = caseCounts?.(resolved) ?? null;
  const share = (term: string): number => {
    if (corpus === null) return 0;
    const seen = corpus(term);
    const cap = seen.capitalised + (capitalised.has(term) ? 1 : 0);
    const low = seen.lowercase + (lowercase.has(term) ? 1 : 0);
    return cap === 0 ? 0 : cap / (cap + low + weights.caseSmoothing);
  };
  if (weights.compoundParts > 0 && COMPOUNDING.has(resolved) && corpus !== null) {
    // A word the stream has seen inside sentences (capitalised or not) at least twice is a word of its own.
    lex.known = (term) => {
      const seen = corpus(term);
      return seen.capitalised + seen.lowercase >= 2;
    };
  }
  const nameBoost = (term: string): number => 1 + (weights.properNoun - 1) * share(term);
  // A token whose capital says nothing counts as part of a name when most of its informative occurrences were.
  const learnedName = (term: string): boolean => share(term) >= 0.5;
  const counts = new Map<string, number>();
  const [titleField = { tokens: [], titleCase: false }, textField = { tokens: [], titleCase: false }] = fields;
  addField(counts, titleField, lex, weights, () => weights.title, nameBoost, learnedName);
  addField(counts, textField, lex, weights, (i) => (i < weights.leadTokens ? weights.lead : weights.body), nameBoost, learnedName);
  const tf = new Map<string, number>();
  for (const [term, count] of counts) tf.set(term, Math.log1p(count));
  return { lang: resolved, tf, capitalised, lowercase };
}
