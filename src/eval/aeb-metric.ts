/**
 * The Article Extraction Benchmark's metric (Scrapinghub/Zyte, 2020), implemented from its description:
 * tokens are maximal runs of Unicode letters, digits and underscore (case kept); each text is a multiset of
 * 4-token shingles (a text of 1–3 tokens is one short shingle, 0 tokens none); per page TP/FP/FN are multiset
 * overlaps; precision is averaged over pages with a non-empty prediction, recall over pages with a non-empty
 * truth; F1 is the harmonic mean of the two averages; accuracy is the share of pages whose token sequence is
 * exactly right.
 */

/** Shingle width of the benchmark. */
const SHINGLE_SIZE = 4;

/** One page's counts. */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  exact: boolean;
}

/** Averages over a set of pages. */
export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: number;
}

/** The benchmark's tokens of a text. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function shingles(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (shingle: string): void => {
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  };
  if (tokens.length === 0) return counts;
  if (tokens.length < SHINGLE_SIZE) {
    add(tokens.join('\u0001'));
    return counts;
  }
  for (let index = 0; index + SHINGLE_SIZE <= tokens.length; index += 1) add(tokens.slice(index, index + SHINGLE_SIZE).join('\u0001'));
  return counts;
}

/** Scores one predicted text against the truth. */
export function scorePage(predicted: string, truth: string): PageScore {
  const predictedTokens = tokenize(predicted);
  const truthTokens = tokenize(truth);
  const predictedShingles = shingles(predictedTokens);
  const truthShingles = shingles(truthTokens);
  let tp = 0;
  let predictedTotal = 0;
  let truthTotal = 0;
  for (const [shingle, count] of predictedShingles) {
    tp += Math.min(count, truthShingles.get(shingle) ?? 0);
    predictedTotal += count;
  }
  for (const count of truthShingles.values()) truthTotal += count;
  const exact = predictedTokens.length === truthTokens.length && predictedTokens.every((token, index) => token === truthTokens[index]);
  return { tp, fp: predictedTotal - tp, fn: truthTotal - tp, exact };
}

/** Averages page scores the benchmark's way. */
export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  const precisions = pages.filter((page) => page.tp + page.fp > 0).map((page) => page.tp / (page.tp + page.fp));
  const recalls = pages.filter((page) => page.tp + page.fn > 0).map((page) => page.tp / (page.tp + page.fn));
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = pages.length === 0 ? 0 : pages.filter((page) => page.exact).length / pages.length;
  return { precision, recall, f1, accuracy, pages: pages.length };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
