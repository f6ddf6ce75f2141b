/**
 * The contingency table of a clustering against gold labels: the counts every clustering score and the error
 * report are computed from.
 */

/** Pairs among n items. */
export const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Items per gold label, per predicted label, and per (gold, predicted) cell, each in first-seen order. */
export interface Contingency {
  golds: Map<string, number>;
  preds: Map<string, number>;
  cells: { g: string; p: string; n: number }[];
}

/** Counts items per gold label, per predicted label and per (gold, predicted) cell. */
export function contingency(gold: readonly string[], predicted: readonly string[]): Contingency {
  if (gold.length !== predicted.length) throw new Error(`eval: ${gold.length} gold labels but ${predicted.length} predictions`);
  const golds = new Map<string, number>();
  const preds = new Map<string, number>();
  const cells = new Map<string, { g: string; p: string; n: number }>();
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    golds.set(g, (golds.get(g) ?? 0) + 1);
    preds.set(p, (preds.get(p) ?? 0) + 1);
    const key = JSON.stringify([g, p]);
    const cell = cells.get(key) ?? { g, p, n: 0 };
    cell.n += 1;
    cells.set(key, cell);
  });
  return { golds, preds, cells: [...cells.values()] };
}
