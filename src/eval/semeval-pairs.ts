/**
 * Scoring a same-story decision on semeval's graded pairs (`../shared/data/README.md`): `overall <= 1.5` is the
 * same story, `>= 3.5` a different one, pairs in between are not scored. Precision, recall and F1 per language
 * (pairs whose two languages are equal), over all same-language pairs, and over cross-language pairs.
 */
import type { GradedPair } from './datasets.js';
import { f1, type Prf } from './cluster-metrics.js';

/** Gold reading of a graded pair; null = not scored. */
export function storyJudgement(overall: number): 'same' | 'different' | null {
  if (overall <= 1.5) return 'same';
  if (overall >= 3.5) return 'different';
  return null;
}

/** P/R/F1 of one group of pairs, with its counts (so a reader sees how many pairs a figure rests on). */
export interface PairScores extends Prf {
  /** Scored pairs in the group. */
  pairs: number;
  /** Of those, gold same-story pairs. */
  positives: number;
  truePositives: number;
  falsePositives: number;
}

/** Same-story scores per language, over same-language pairs and over cross-language pairs. */
export interface SemEvalReport {
  /** Keyed by language, for pairs of two articles in that language; sorted by language code. */
  perLanguage: Map<string, PairScores>;
  sameLanguage: PairScores;
  crossLanguage: PairScores;
}

interface Tally {
  pairs: number;
  positives: number;
  tp: number;
  fp: number;
}

const emptyTally = (): Tally => ({ pairs: 0, positives: 0, tp: 0, fp: 0 });

/** Precision is 1 when nothing was predicted same, recall 1 when the group has no same-story pair. */
function toScores(t: Tally): PairScores {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.positives === 0 ? 1 : t.tp / t.positives;
  return {
    precision,
    recall,
    f1: f1(precision, recall),
    pairs: t.pairs,
    positives: t.positives,
    truePositives: t.tp,
    falsePositives: t.fp,
  };
}

/** Scores `predictSame` (e.g. "both articles ended in one cluster") over the scored pairs. */
export function scoreStoryPairs(pairs: readonly GradedPair[], predictSame: (pair: GradedPair) => boolean): SemEvalReport {
  const perLanguage = new Map<string, Tally>();
  const same = emptyTally();
  const cross = emptyTally();
  for (const pair of pairs) {
    const gold = storyJudgement(pair.overall);
    if (gold === null) continue;
    let groups = [cross];
    if (pair.lang1 === pair.lang2) {
      const lang = perLanguage.get(pair.lang1) ?? emptyTally();
      perLanguage.set(pair.lang1, lang);
      groups = [same, lang];
    }
    const predicted = predictSame(pair);
    for (const t of groups) {
      t.pairs += 1;
      if (gold === 'same') t.positives += 1;
      if (predicted && gold === 'same') t.tp += 1;
      if (predicted && gold === 'different') t.fp += 1;
    }
  }
  const langs = [...perLanguage.keys()].sort();
  return {
    perLanguage: new Map(langs.map((l) => [l, toScores(perLanguage.get(l) ?? emptyTally())])),
    sameLanguage: toScores(same),
    crossLanguage: toScores(cross),
  };
}

/** The lowest recall over languages that have at least one same-story pair (1 when none has). */
export function minLanguageRecall(report: SemEvalReport): { lang: string | null; recall: number } {
  let out: { lang: string | null; recall: number } = { lang: null, recall: 1 };
  for (const [lang, s] of report.perLanguage) if (s.positives > 0 && s.recall < out.recall) out = { lang, recall: s.recall };
  return out;
}

/**
 * The threshold on `similarity` (same story when similarity ≥ threshold) that maximises same-language F1, tuned
 * on the pairs themselves (an oracle: generous by construction), with the report at that threshold.
 */
export function oracleThreshold(
  pairs: readonly GradedPair[],
  similarity: (pair: GradedPair) => number,
): { threshold: number; report: SemEvalReport } {
  const scored = pairs.filter((p) => p.lang1 === p.lang2 && storyJudgement(p.overall) !== null);
  const candidates = [...new Set(scored.map(similarity))].sort((a, b) => a - b);
  let best = { threshold: Number.POSITIVE_INFINITY, f1: -1 };
  for (const threshold of candidates) {
    const f = scoreStoryPairs(scored, (p) => similarity(p) >= threshold).sameLanguage.f1;
    if (f > best.f1) best = { threshold, f1: f };
  }
  return { threshold: best.threshold, report: scoreStoryPairs(pairs, (p) => similarity(p) >= best.threshold) };
}

/** Averages several reports field by field (one per replay order); a language missing from one counts as absent. */
export function averageReports(reports: readonly SemEvalReport[]): SemEvalReport {
  const mean = (xs: readonly PairScores[]): PairScores => {
    const m = (f: (s: PairScores) => number): number => xs.reduce((s, x) => s + f(x), 0) / Math.max(1, xs.length);
    return {
      precision: m((s) => s.precision),
      recall: m((s) => s.recall),
      f1: m((s) => s.f1),
      pairs: m((s) => s.pairs),
      positives: m((s) => s.positives),
      truePositives: m((s) => s.truePositives),
      falsePositives: m((s) => s.falsePositives),
    };
  };
  const langs = [...new Set(reports.flatMap((r) => [...r.perLanguage.keys()]))].sort();
  return {
    perLanguage: new Map(langs.map((l) => [l, mean(reports.flatMap((r) => r.perLanguage.get(l) ?? []))])),
    sameLanguage: mean(reports.map((r) => r.sameLanguage)),
    crossLanguage: mean(reports.map((r) => r.crossLanguage)),
  };
}
