/**
 * Where a clustering goes wrong, counted in article pairs: the predicted clusters that put together most pairs of
 * different gold events (false-positive pairs), and the gold events whose articles are spread over most clusters
 * (false-negative pairs). Pairwise F1 is decided by a few big mistakes; this names them, so that a change to the
 * clusterer can be judged by which mistakes it fixes and which it makes, not by the score alone.
 */
import { pairwiseScores } from './cluster-metrics.js';
import { contingency, pairs } from './contingency.js';

/** One gold event's share of a predicted cluster. */
export interface ClusterPart {
  label: string;
  /** Articles of this gold event in the cluster. */
  count: number;
  /** Articles of this gold event in the whole dataset. */
  labelSize: number;
  /** The headline of the event's first article (input order), to recognise it by. */
  example: string;
}

/** A predicted cluster that mixes gold events. */
export interface MixedCluster {
  predicted: string;
  size: number;
  /** Pairs of its articles that belong to different gold events. */
  falsePairs: number;
  /** Its gold events, largest share first. */
  parts: ClusterPart[];
}

/** A gold event whose articles ended in several predicted clusters. */
export interface SplitEvent {
  label: string;
  size: number;
  /** Pairs of its articles that ended in different clusters. */
  missedPairs: number;
  example: string;
  /** The clusters holding its articles, largest share first. */
  parts: { predicted: string; count: number }[];
}

/** The whole report: totals and the worst offenders. */
export interface ErrorReport {
  falsePairs: number;
  missedPairs: number;
  /**
   * Missed pairs whose two clusters each hold mostly that event: what a perfect merge step could still win, as
   * against missed pairs inside clusters that belong to another event (which only moves or splits can fix).
   */
  missedBetweenOwnClusters: number;
  /** Pairwise F1 once every cluster is merged into the gold event most of its members belong to: the merge step's bound. */
  mergeBoundF1: number;
  mixed: MixedCluster[];
  split: SplitEvent[];
}

/** Largest count first; ties by key, so the report never depends on map order. */
function byCountDesc<T extends { count: number }>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** Groups the cells by one of their labels (one pass). */
function groupBy<C>(cells: readonly C[], key: (cell: C) => string): Map<string, C[]> {
  const out = new Map<string, C[]>();
  for (const cell of cells) {
    const k = key(cell);
    const group = out.get(k);
    if (group === undefined) out.set(k, [cell]);
    else group.push(cell);
  }
  return out;
}

/**
 * Builds the report for one replay: `gold[i]`, `predicted[i]` and `titles[i]` describe article i. Lists the `top`
 * clusters with most false-positive pairs and the `top` events with most false-negative pairs (each with at most
 * `parts` shares).
 */
export function errorReport(
  gold: readonly string[],
  predicted: readonly string[],
  titles: readonly string[],
  top: number,
  parts = 5,
): ErrorReport {
  if (gold.length !== predicted.length || gold.length !== titles.length) {
    throw new Error(`eval: ${gold.length} gold labels, ${predicted.length} predictions and ${titles.length} titles`);
  }
  const { golds: labelSize, preds, cells } = contingency(gold, predicted);
  const example = new Map<string, string>();
  gold.forEach((g, i) => {
    if (!example.has(g)) example.set(g, titles[i] ?? '');
  });
  const share = (label: string, count: number): ClusterPart => ({
    label,
    count,
    labelSize: labelSize.get(label) ?? count,
    example: example.get(label) ?? '',
  });
  const together = (rows: readonly { n: number }[]): number => rows.reduce((s, c) => s + pairs(c.n), 0);

  const byPredicted = groupBy(cells, (c) => c.p);
  const byGold = groupBy(cells, (c) => c.g);

  // A cluster's majority event is its largest share (ties: the smaller label, so nothing depends on map order).
  const majority = new Map<string, string>();
  const mixed: MixedCluster[] = [...preds].map(([p, size]) => {
    const inside = byPredicted.get(p) ?? [];
    const shares = inside.map((c) => share(c.g, c.n)).sort(byCountDesc((x) => x.label));
    if (shares[0] !== undefined) majority.set(p, shares[0].label);
    return { predicted: p, size, falsePairs: pairs(size) - together(inside), parts: shares.slice(0, parts) };
  });
  const split: SplitEvent[] = [...labelSize].map(([label, size]) => {
    const spread = byGold.get(label) ?? [];
    const where = spread.map((c) => ({ predicted: c.p, count: c.n })).sort(byCountDesc((x) => x.predicted));
    return { label, size, missedPairs: pairs(size) - together(spread), example: example.get(label) ?? '', parts: where.slice(0, parts) };
  });

  const own = (c: { g: string; p: string }): boolean => majority.get(c.p) === c.g;
  let missedBetweenOwnClusters = 0;
  for (const spread of byGold.values()) {
    const inOwn = spread.filter(own);
    const n = inOwn.reduce((s, c) => s + c.n, 0);
    missedBetweenOwnClusters += pairs(n) - together(inOwn);
  }

  return {
    falsePairs: mixed.reduce((s, m) => s + m.falsePairs, 0),
    missedPairs: split.reduce((s, e) => s + e.missedPairs, 0),
    missedBetweenOwnClusters,
    mergeBoundF1: pairwiseScores(
      gold,
      predicted.map((p) => majority.get(p) ?? p),
    ).f1,
    mixed: mixed
      .filter((m) => m.falsePairs > 0)
      .sort((a, b) => b.falsePairs - a.falsePairs || a.size - b.size || (a.predicted < b.predicted ? -1 : 1))
      .slice(0, top),
    split: split
      .filter((e) => e.missedPairs > 0)
      .sort((a, b) => b.missedPairs - a.missedPairs || (a.label < b.label ? -1 : 1))
      .slice(0, top),
  };
}

/** The report as text, one block per offender. */
export function formatErrorReport(name: string, report: ErrorReport): string {
  const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  const n = (x: number): string => x.toLocaleString('en-US');
  const lines = [`${name}: ${n(report.falsePairs)} false-positive pairs, ${n(report.missedPairs)} false-negative pairs`];
  lines.push(
    `  ${n(report.missedBetweenOwnClusters)} of the false-negative pairs lie between clusters that each hold mostly the pair's event; ` +
      `merging every cluster into its majority event would give pairwise F1 ${report.mergeBoundF1.toFixed(3)}`,
  );
  lines.push(`  clusters mixing events (false-positive pairs):`);
  for (const m of report.mixed) {
    lines.push(`    cluster ${m.predicted}: ${n(m.size)} articles, ${n(m.falsePairs)} false pairs`);
    for (const p of m.parts) lines.push(`      ${n(p.count)} of ${n(p.labelSize)}  ${clip(p.example)}`);
  }
  lines.push(`  events split over clusters (false-negative pairs):`);
  for (const e of report.split) {
    const where = e.parts.map((p) => `${p.predicted}:${n(p.count)}`).join(' ');
    lines.push(`    ${n(e.size)} articles, ${n(e.missedPairs)} missed pairs  ${clip(e.example)}`);
    lines.push(`      in clusters ${where}`);
  }
  return lines.join('\n');
}
