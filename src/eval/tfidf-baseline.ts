/**
 * The anchor every clustering figure is shown beside (`../shared/notes/event-clustering.md`): plain TF-IDF, in
 * memory, no SQLite, nothing learned.
 *
 * - Stream: one pass over title×2 + body TF-IDF vectors (sublinear tf, English stopwords); each document joins the
 *   most similar centroid above cosine 0.2 whose last member is within 3 days of it (no window on undated sets),
 *   else starts a cluster. IDF is updated as the stream goes, from the documents seen so far (this one included);
 *   a centroid is the sum of its members' unit vectors as weighted when they joined.
 * - Pairs (semeval): per-language TF-IDF (each language's IDF from its own articles, its own stopwords) and the
 *   cosine of the two articles; one threshold decides "same story".
 */
import { stopwordsFor } from '../cluster/stopwords.js';

/** What the baseline reads of an article. */
export interface BaselineDoc {
  title: string;
  text: string;
  /** ISO time, or null (undated: no window applies to it). */
  time: string | null;
}

/** Settings of the single-pass baseline. */
export interface StreamBaselineOptions {
  /** A document joins the best centroid only when its cosine is above this. Default 0.2. */
  threshold: number;
  /** Only clusters whose last member is within this many hours; null = no window. Default 72. */
  windowHours: number | null;
  /** Times the title is counted (title×2 + body). Default 2. */
  titleRepeat: number;
}

/** The notes' settings: cosine 0.2, 3 days, title twice. */
export const DEFAULT_STREAM_BASELINE: StreamBaselineOptions = { threshold: 0.2, windowHours: 72, titleRepeat: 2 };

type Vector = Map<string, number>;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Lower-cased word tokens of two or more letters, digits or underscores (the usual `\w\w+` of TF-IDF tools),
 * without the given stopwords. A run of Chinese or Japanese script has no spaces between words, so it becomes its
 * character bigrams (a one-character run is kept whole).
 */
export function baselineTokens(text: string, stopwords: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(/[\p{L}\p{M}\p{N}_]+/gu)) {
    const word = match[0];
    if (CJK.test(word)) {
      const chars = [...word];
      if (chars.length === 1) out.push(word);
      for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    } else if ([...word].length >= 2 && !stopwords.has(word)) out.push(word);
  }
  return out;
}

/** Sublinear term frequencies (1 + ln tf) of title×titleRepeat + body. */
export function termFrequencies(doc: Pick<BaselineDoc, 'title' | 'text'>, stopwords: ReadonlySet<string>, titleRepeat: number): Vector {
  const counts: Vector = new Map();
  const add = (tokens: readonly string[], times: number): void => {
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + times);
  };
  add(baselineTokens(doc.title, stopwords), titleRepeat);
  add(baselineTokens(doc.text, stopwords), 1);
  for (const [t, c] of counts) counts.set(t, 1 + Math.log(c));
  return counts;
}

/** Smoothed IDF, as TF-IDF tools compute it by default: ln((1 + N) / (1 + df)) + 1. */
export function smoothIdf(docs: number, df: number): number {
  return Math.log((1 + docs) / (1 + df)) + 1;
}

/** tf · idf, scaled to unit length (an empty vector stays empty). */
function unitTfIdf(tf: Vector, idfOf: (term: string) => number): Vector {
  const v: Vector = new Map();
  let norm2 = 0;
  for (const [t, w] of tf) {
    const x = w * idfOf(t);
    v.set(t, x);
    norm2 += x * x;
  }
  const norm = Math.sqrt(norm2);
  if (norm > 0) for (const [t, x] of v) v.set(t, x / norm);
  return v;
}

/** The dot product of two sparse vectors: the cosine when both have unit length (0 when either is empty). */
export function dotProduct(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, x] of small) s += x * (large.get(t) ?? 0);
  return s;
}

interface Centroid {
  sum: Vector;
  norm2: number;
  /** Time of the newest member (ms), or null when every member is undated. */
  last: number | null;
}

/**
 * Clusters a stream, in the given order, by the single-pass TF-IDF baseline; returns each document's cluster
 * number (0, 1, … in order of creation), in input order. Pure and deterministic: ties go to the older cluster.
 */
export function singlePassBaseline(
  docs: readonly BaselineDoc[],
  options: Partial<StreamBaselineOptions> = {},
  stopwords: ReadonlySet<string> = stopwordsFor('en'),
): number[] {
  const o: StreamBaselineOptions = { ...DEFAULT_STREAM_BASELINE, ...options };
  const windowMs = o.windowHours === null ? null : o.windowHours * 3_600_000;
  const df = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const centroids: Centroid[] = [];
  const out: number[] = [];
  docs.forEach((doc, n) => {
    const tf = termFrequencies(doc, stopwords, o.titleRepeat);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const v = unitTfIdf(tf, (t) => smoothIdf(n + 1, df.get(t) ?? 0));
    const time = doc.time === null ? null : Date.parse(doc.time);
    const best = bestCentroid(v, time, centroids, postings, windowMs, o.threshold);
    const index = best ?? centroids.length;
    if (best === null) centroids.push({ sum: new Map(), norm2: 0, last: null });
    const c = centroids[index];
    if (c !== undefined) joinCentroid(c, index, v, time, postings);
    out.push(index);
  });
  return out;
}

/**
 * The centroid most similar to `v` above `threshold` within the window. Candidates come from whichever is cheaper:
 * the clusters in the window (scanned), or the posting lists of the document's terms (window checked per cluster).
 */
function bestCentroid(
  v: Vector,
  time: number | null,
  centroids: readonly Centroid[],
  postings: ReadonlyMap<string, number[]>,
  windowMs: number | null,
  threshold: number,
): number | null {
  const inWindow = (c: Centroid): boolean => windowMs === null || time === null || c.last === null || Math.abs(time - c.last) <= windowMs;
  let postingCost = 0;
  for (const t of v.keys()) postingCost += postings.get(t)?.length ?? 0;
  const active = windowMs === null ? null : centroids.flatMap((c, i) => (inWindow(c) ? [i] : []));
  const dots = new Map<number, number>();
  if (active !== null && active.length * v.size < postingCost) {
    for (const i of active) dots.set(i, dotProduct(v, centroids[i]?.sum ?? new Map()));
  } else {
    for (const [t, x] of v) for (const i of postings.get(t) ?? []) dots.set(i, (dots.get(i) ?? 0) + x * (centroids[i]?.sum.get(t) ?? 0));
  }
  let best: number | null = null;
  let bestCos = threshold;
  for (const [i, dot] of dots) {
    const c = centroids[i];
    if (c === undefined || c.norm2 <= 0 || !inWindow(c)) continue;
    const cos = dot / Math.sqrt(c.norm2);
    if (cos > bestCos || (cos === bestCos && best !== null && i < best)) {
      best = i;
      bestCos = cos;
    }
  }
  return best;
}

function joinCentroid(c: Centroid, index: number, v: Vector, time: number | null, postings: Map<string, number[]>): void {
  for (const [t, x] of v) {
    const old = c.sum.get(t);
    if (old === undefined) {
      const list = postings.get(t);
      if (list === undefined) postings.set(t, [index]);
      else list.push(index);
    }
    const now = (old ?? 0) + x;
    c.norm2 += now * now - (old ?? 0) * (old ?? 0);
    c.sum.set(t, now);
  }
  if (time !== null) c.last = c.last === null ? time : Math.max(c.last, time);
}

/** What the pair baseline reads of an article. */
export interface PairBaselineDoc {
  id: string;
  title: string;
  text: string;
  lang: string | null;
}

/**
 * Unit TF-IDF vectors per article id, each language's IDF from that language's articles alone and its own
 * stopwords (stopwords-iso); an article without a language is grouped as `und` with no stopwords.
 */
export function perLanguageVectors(docs: readonly PairBaselineDoc[], titleRepeat = DEFAULT_STREAM_BASELINE.titleRepeat): Map<string, Vector> {
  const byLang = new Map<string, PairBaselineDoc[]>();
  for (const d of docs) {
    const lang = d.lang ?? 'und';
    const group = byLang.get(lang);
    if (group === undefined) byLang.set(lang, [d]);
    else group.push(d);
  }
  const out = new Map<string, Vector>();
  for (const [lang, group] of byLang) {
    const stop = stopwordsFor(lang);
    const tfs = group.map((d) => termFrequencies(d, stop, titleRepeat));
    const df = new Map<string, number>();
    for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    group.forEach((d, i) => out.set(d.id, unitTfIdf(tfs[i] ?? new Map<string, number>(), (t) => smoothIdf(group.length, df.get(t) ?? 0))));
  }
  return out;
}
