/**
 * Pure vector helpers of the clusterer's repair steps: IDF-weighted centroids with their norms, the
 * names-and-figures part of a vector, and the units (duplicate groups, lone articles) a split moves.
 */
import { dot, norm, normalized, sumOf, weighted, type ReadonlyTermVector, type TermVector } from './term-vector.js';

/** An IDF-weighted centroid with its squared norm, computed once for the many members compared with it. */
export interface WeightedCentroid {
  vector: TermVector;
  norm2: number;
  /** Its names-and-figures part, filled on first use (entitiesOf): every member compared needs the same one. */
  names?: TermVector;
}

/** A centroid weighted by IDF, with its squared norm. */
export function weightedCentroid(centroid: ReadonlyTermVector, idfOf: (t: string) => number): WeightedCentroid {
  const vector = weighted(centroid, idfOf);
  return { vector, norm2: norm(vector) ** 2 };
}

/** Cosine of `v` (whose norm is given) with a weighted centroid. */
export function cosineWithNorms(v: ReadonlyTermVector, vNorm: number, centroid: WeightedCentroid): number {
  const d = vNorm * Math.sqrt(centroid.norm2);
  return d === 0 ? 0 : dot(v, centroid.vector) / d;
}

/**
 * How tightly a cluster's members sit around their centroid: the raw centroid is the sum of the members' unit
 * vectors, so its norm over the member count is their mean cosine to it (1 for an empty cluster).
 */
export function cohesion(rawCentroid: ReadonlyTermVector, size: number): number {
  return size > 0 ? Math.min(1, norm(rawCentroid) / size) : 1;
}

/** The names-and-figures part of a vector: `n:` features and tokens holding a digit. */
export function entities(v: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of v) if (t.startsWith('n:') || hasFigure(t)) out.set(t, w);
  return out;
}

/** The names-and-figures part of a weighted centroid, computed once per centroid. */
export function entitiesOf(c: WeightedCentroid): TermVector {
  c.names ??= entities(c.vector);
  return c.names;
}

/** True when a term holds a digit of any script (`\p{N}`); ASCII terms are scanned without the regex. */
function hasFigure(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    if (code >= 128) return /\p{N}/u.test(term);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** Members of one duplicate group (or a lone article): they move together. */
export interface SplitUnit {
  ids: number[];
  tfs: ReadonlyTermVector[];
  /** Unit IDF-weighted vector of the unit's summed term frequencies. */
  vector: TermVector;
}

/** Groups members into units (one per duplicate group, else one per article) with their vectors. */
export function splitUnits(
  members: readonly { id: number; groupId: number | null }[],
  load: (id: number) => ReadonlyTermVector,
  idfOf: (t: string) => number,
): SplitUnit[] {
  const byKey = new Map<string, { ids: number[]; tfs: ReadonlyTermVector[] }>();
  for (const m of members) {
    const key = m.groupId === null ? `a${m.id}` : `g${m.groupId}`;
    const unit = byKey.get(key) ?? { ids: [], tfs: [] };
    unit.ids.push(m.id);
    unit.tfs.push(load(m.id));
    byKey.set(key, unit);
  }
  return [...byKey.values()].map((u) => ({ ...u, vector: normalized(weighted(sumOf(u.tfs), idfOf)) }));
}
