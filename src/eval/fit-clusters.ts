/**
 * Fits the learned join decision (issue 19): replays the labelled sets through the clusterer, records for every
 * join decision each candidate cluster's features (join-features.ts) with its label (does the cluster, as it stands
 * at that moment, mostly hold the article's own event?), fits one logistic model on all sets (each set weighing the
 * same), and checks it by leaving each set out of the fit in turn. Training pairs come from the clusterer's own live
 * state, as the decision will meet it, not from gold clusters; a second round collects them again under the learned
 * decision itself (its mistakes then appear in the pairs) and refits on both rounds.
 *
 *   node dist/eval/fit-clusters.js [--merges] [--rounds N] [--stream N] [--write] [--quick] [key=value …]
 *
 * `--merges` fits the merge decision instead (merge-features.ts: does a cluster and a neighbour of its centroid hold
 * one event?), from the merge candidates that settle() meets in the same replays; `--write` then rewrites
 * merge-weights.ts.
 * `--quick` skips the cosine column and semeval-dev, `--sets a,b` fits and scores only those sets (for trying
 * features; `--quick` changes only what is printed, never the weights, `--sets` changes both).
 * `--stream N` adds a sixth set: the bench:scale stream of N articles drawn with another seed (stream-set.ts), where
 * look-alike stories of all sets meet within 60 days, as they do in a user's feeds.
 * `--write` rewrites src/cluster/join-weights.ts with the all-set model. semeval-dev has no event labels (only
 * graded pairs), so it is not fit on; it is scored with the all-set model, so it is a set the fit never saw.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import type { EventClusterConfig } from '../cluster/cluster-config.js';
import type { JoinCandidate } from '../cluster/event-clusterer.js';
import { JOIN_FEATURES } from '../cluster/join-features.js';
import { MERGE_FEATURES } from '../cluster/merge-features.js';
import { fitLogistic, type LogisticModel } from '../cluster/logistic.js';
import { defaultDataRoot, loadDatasets, replayOrder, type EvalDataset } from './datasets.js';
import { evaluate, evaluateStoryPairs, parseOverrides, replay, type ReplayHooks } from './eval-clusters.js';
import { minLanguageRecall } from './semeval-pairs.js';
import { streamDataset } from './stream-set.js';

/** One candidate of one decision: its features, and 1 when the cluster mostly holds the article's event. */
interface Example {
  x: number[];
  y: number;
}

/** A cluster counts as the article's event when at least this share of its members are. */
const MAJORITY = 0.5;

/** Join pairs of one replay of `dataset` (its first order) under `config` and `hooks.joinModel`. */
function collect(dataset: EvalDataset, config: Partial<EventClusterConfig>, joinModel: LogisticModel | undefined): Example[] {
  const labelOf = new Map(dataset.articles.map((a) => [`eval:${a.id}`, a.label]));
  const examples: Example[] = [];
  const statements = new WeakMap<Database.Database, { key: Database.Statement; members: Database.Statement }>();
  const onJoin: ReplayHooks['onJoin'] = (db, articleId, candidates: readonly JoinCandidate[]) => {
    let s = statements.get(db);
    if (s === undefined) {
      s = {
        key: db.prepare('SELECT item_key FROM articles WHERE id = ?').pluck(),
        members: db.prepare('SELECT item_key FROM articles WHERE cluster_id = ?').pluck(),
      };
      statements.set(db, s);
    }
    const label = labelOf.get(s.key.get(articleId) as string);
    for (const c of candidates) {
      const members = s.members.all(c.clusterId) as string[];
      if (members.length === 0) continue;
      const same = members.filter((k) => labelOf.get(k) === label).length;
      examples.push({ x: c.features, y: same / members.length >= MAJORITY ? 1 : 0 });
    }
  };
  replay(replayOrder(dataset, 1), { ...dataset.overrides, ...config }, undefined, { joinModel, onJoin });
  return examples;
}

/** The label most of `keys` carry, and its share; null label when there are none. */
function majority(keys: readonly string[], labelOf: ReadonlyMap<string, string>): { label: string | null; share: number } {
  const counts = new Map<string, number>();
  for (const k of keys) {
    const label = labelOf.get(k);
    if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [label, n] of counts) if (n > most || (n === most && best !== null && label < best)) [best, most] = [label, n];
  return { label: best, share: keys.length === 0 ? 0 : most / keys.length };
}

/**
 * Merge pairs of one replay of `dataset` under `config` and `mergeModel`: a touched cluster and each neighbour
 * judged, labelled 1 when both mostly hold one and the same event.
 */
function collectMerges(dataset: EvalDataset, config: Partial<EventClusterConfig>, mergeModel: LogisticModel | undefined): Example[] {
  const labelOf = new Map(dataset.articles.map((a) => [`eval:${a.id}`, a.label]));
  const examples: Example[] = [];
  const statements = new WeakMap<Database.Database, Database.Statement>();
  const onMerge: ReplayHooks['onMerge'] = (db, clusterId, candidates: readonly JoinCandidate[]) => {
    let members = statements.get(db);
    if (members === undefined) {
      members = db.prepare('SELECT item_key FROM articles WHERE cluster_id = ?').pluck();
      statements.set(db, members);
    }
    const own = majority(members.all(clusterId) as string[], labelOf);
    if (own.label === null) return;
    for (const c of candidates) {
      const other = majority(members.all(c.clusterId) as string[], labelOf);
      if (other.label === null) continue;
      const same = own.label === other.label && own.share >= MAJORITY && other.share >= MAJORITY;
      examples.push({ x: c.features, y: same ? 1 : 0 });
    }
  };
  replay(replayOrder(dataset, 1), { ...dataset.overrides, ...config }, undefined, { mergeModel, onMerge });
  return examples;
}

/** Fits on the pairs of the given sets, each set weighing the same however many pairs it gave. */
function fitOn(pairs: ReadonlyMap<string, readonly Example[]>, sets: readonly string[]): LogisticModel {
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const name of sets) {
    const examples = pairs.get(name) ?? [];
    for (const e of examples) {
      xs.push(e.x);
      ys.push(e.y);
      ws.push(1 / examples.length);
    }
  }
  return fitLogistic(xs, ys, { l2: 1e-3, learningRate: 0.5, iterations: 3000 }, ws);
}

const f3 = (x: number): string => x.toFixed(3);

/** The figure a set is judged by: pairwise F1 (B³), or semeval's same-language F1 and weakest language recall. */
function score(dataset: EvalDataset, config: Partial<EventClusterConfig>, hooks: ReplayHooks = {}): string {
  const options = { seeds: 3, hooks };
  if (dataset.pairs !== null) {
    const r = evaluateStoryPairs(dataset, config, options);
    const min = minLanguageRecall(r);
    return `same-lang F1 ${f3(r.sameLanguage.f1)}, min R ${f3(min.recall)} (${min.lang ?? '—'})`;
  }
  const s = evaluate(dataset, config, options);
  return `${f3(s.pairwise.f1)} (${f3(s.bcubed.f1)})`;
}

/** What one fit learns: the join decision, or (`--merges`) the merge decision. */
interface FitTarget {
  what: 'join' | 'merge';
  features: readonly string[];
  /** Its switch in EventClusterConfig. */
  setting: 'learnedJoin' | 'learnedMerges';
  collect: (dataset: EvalDataset, config: Partial<EventClusterConfig>, model: LogisticModel | undefined) => Example[];
  hooks: (model: LogisticModel) => ReplayHooks;
  file: string;
  constant: string;
  featuresFile: string;
}

const TARGETS: Record<FitTarget['what'], FitTarget> = {
  join: {
    what: 'join',
    features: JOIN_FEATURES,
    setting: 'learnedJoin',
    collect,
    hooks: (joinModel) => ({ joinModel }),
    file: 'join-weights.ts',
    constant: 'JOIN_MODEL',
    featuresFile: 'join-features.ts',
  },
  merge: {
    what: 'merge',
    features: MERGE_FEATURES,
    setting: 'learnedMerges',
    collect: collectMerges,
    hooks: (mergeModel) => ({ mergeModel }),
    file: 'merge-weights.ts',
    constant: 'MERGE_MODEL',
    featuresFile: 'merge-features.ts',
  },
};

/** The weights file, as committed. */
function weightsSource(target: FitTarget, model: LogisticModel, fitOnSets: readonly string[], command: string): string {
  const round = (x: number): number => Number(x.toFixed(4));
  const lines = target.features.map((name, i) => `    ${String(round(model.weights[i] ?? 0))}, // ${name}`);
  return [
    '/**',
    ` * The learned ${target.what} model's weights (features: ${target.featuresFile}; used when cluster-config.ts \`${target.setting}\` is 1).`,
    ` * Written by \`${command}\`,`,
    ` * fit on ${fitOnSets.join(', ')};`,
    " * the README gives the fit's figures and its leave-one-set-out check.",
    ' */',
    "import type { LogisticModel } from './logistic.js';",
    '',
    `export const ${target.constant}: LogisticModel = {`,
    '  weights: [',
    ...lines,
    '  ],',
    `  bias: ${String(round(model.bias))},`,
    '};',
    '',
  ].join('\n');
}

function main(argv: readonly string[]): void {
  let rounds = 2;
  let write = false;
  let quick = false;
  let target = TARGETS.join;
  let only: string[] | null = null;
  let streamArticles = 0;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--rounds') rounds = Math.max(1, Math.floor(Number(argv[++i] ?? '2')) || 2);
    else if (arg === '--write') write = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--merges') target = TARGETS.merge;
    else if (arg === '--sets') only = (argv[++i] ?? '').split(',');
    else if (arg === '--stream') streamArticles = Math.max(0, Math.floor(Number(argv[++i] ?? '0')) || 0);
    else rest.push(arg);
  }
  const overrides = parseOverrides(rest);
  const loaded = loadDatasets('all', defaultDataRoot());
  const { absent } = loaded;
  const chosen = only === null ? loaded.datasets : loaded.datasets.filter((d) => only.some((name) => d.name.startsWith(name)));
  const datasets = streamArticles > 0 ? [...chosen, streamDataset(defaultDataRoot(), streamArticles)] : chosen;
  if (absent.length > 0) process.stdout.write(`skipping ${absent.join(', ')}: not found under ${defaultDataRoot()}\n`);
  const labelled = datasets.filter((d) => d.pairs === null);
  const names = labelled.map((d) => d.name);
  if (labelled.length === 0) throw new Error('fit: no labelled set found');

  const pairs = new Map<string, Example[]>();
  let model: LogisticModel | undefined;
  for (let round = 1; round <= rounds; round++) {
    // Round 1 draws pairs from the rule-based decision; later rounds from the learned one, so its own errors are seen.
    const config = { ...overrides, [target.setting]: round === 1 ? 0 : 1 };
    for (const d of labelled) {
      const examples = target.collect(d, config, model);
      pairs.set(d.name, [...(pairs.get(d.name) ?? []), ...examples]);
      const positives = examples.filter((e) => e.y === 1).length;
      process.stdout.write(`round ${round}: ${d.name}: ${examples.length} pairs (${positives} ${target.what}s)\n`);
    }
    model = fitOn(pairs, names);
    process.stdout.write(
      `round ${round} model: ${target.features.map((n, i) => `${n} ${f3(model?.weights[i] ?? 0)}`).join(', ')}, bias ${f3(model.bias)}\n`,
    );
  }
  if (model === undefined) return;

  const learned = { ...overrides, [target.setting]: 1 };
  process.stdout.write(
    `\n| set | without the learned ${target.what} | learned, fit on all sets | learned, this set left out of the fit |\n|---|---|---|---|\n`,
  );
  for (const d of datasets) {
    if (quick && d.pairs !== null) continue;
    const held =
      d.pairs === null
        ? score(
            d,
            learned,
            target.hooks(
              fitOn(
                pairs,
                names.filter((n) => n !== d.name),
              ),
            ),
          )
        : 'not fit on (no event labels)';
    const today = quick ? '—' : score(d, { ...overrides, [target.setting]: 0 });
    process.stdout.write(`| ${d.name} | ${today} | ${score(d, learned, target.hooks(model))} | ${held} |\n`);
  }
  if (write) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cluster', target.file);
    const flags = [target.what === 'merge' ? '--merges' : '', streamArticles > 0 ? `--stream ${streamArticles}` : '', '--write', ...rest]
      .filter((a) => a !== '')
      .join(' ');
    writeFileSync(file, weightsSource(target, model, names, `npm run fit:clusters -- ${flags}`));
    process.stdout.write(`\nwrote ${file}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
