/**
 * The real stories the scale stream is built from: every labelled event of `../shared/data` (gva-dev, allsides-dev,
 * giveme5w1h, ECB+, semeval-dev's same-story pairs) as a template of several outlets' own reports, and the texts with
 * no companion (single-article incidents, unpaired semeval articles, the aeb-dev bodies) as one-article stories.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEcbPlus, loadEventArticles, loadSemEval, type EvalArticle, type EvalDataset } from '../eval/datasets.js';

/** One real report of a story template. */
export interface TemplateArticle {
  title: string;
  text: string;
  lang: string | null;
  /**
   * Hours after the story's first report, from the set's own dates (gva, day precision); null when the set has no
   * usable time order (the stream then spreads the reports over the first day and a half).
   */
  offsetHours: number | null;
}

/** A real story: its reports as their outlets wrote them. */
export interface StoryTemplate {
  /** `set:label`, unique. */
  key: string;
  articles: TemplateArticle[];
}

/** Largest real offset kept (gva follow-ups run for months; the stream spans 60 days). */
const MAX_OFFSET_HOURS = 40 * 24;

/** Every story template of the data folder; the sets that are absent are skipped. */
export function loadStoryTemplates(dataDir: string): StoryTemplate[] {
  const templates: StoryTemplate[] = [];
  const sets: Array<[string, (dir: string) => EvalDataset, boolean]> = [
    ['gva-dev', (dir) => loadEventArticles(dir, 'gva-dev'), true],
    ['allsides-dev', (dir) => loadEventArticles(dir, 'allsides-dev'), false],
    // giveme5w1h's dates are what news-please guessed, a few years off: its reports are spread like undated ones.
    ['giveme5w1h', (dir) => loadEventArticles(dir, 'giveme5w1h'), false],
    ['ecbplus-dev', loadEcbPlus, false],
  ];
  for (const [name, load, dated] of sets) {
    const dir = path.join(dataDir, name);
    if (existsSync(dir)) templates.push(...groupByLabel(name, load(dir).articles, dated));
  }
  const semeval = path.join(dataDir, 'semeval-dev');
  if (existsSync(semeval)) templates.push(...semevalStories(loadSemEval(semeval)));
  templates.push(...aebBodies(path.join(dataDir, 'aeb-dev', 'ground-truth.json')));
  return templates;
}

/**
 * The texts of the import benchmark, the set as far as ../shared/data holds it: the semeval-dev articles,
 * ECB+ and the aeb-dev bodies (3,020 texts; the 5,778 were measured on the whole SemEval sample, of which
 * semeval-dev is the half kept here).
 */
export function loadImportSet(dataDir: string): TemplateArticle[] {
  const stories: StoryTemplate[] = [];
  const semeval = path.join(dataDir, 'semeval-dev');
  if (existsSync(semeval)) stories.push(...semevalStories(loadSemEval(semeval)));
  const ecb = path.join(dataDir, 'ecbplus-dev');
  if (existsSync(ecb)) stories.push(...groupByLabel('ecbplus-dev', loadEcbPlus(ecb).articles, false));
  stories.push(...aebBodies(path.join(dataDir, 'aeb-dev', 'ground-truth.json')));
  return stories.flatMap((story) => story.articles);
}

function groupByLabel(set: string, articles: readonly EvalArticle[], dated: boolean): StoryTemplate[] {
  const groups = new Map<string, EvalArticle[]>();
  for (const article of articles) {
    // import refuses a line with no text (a title-only giveme5w1h item, where extraction failed).
    if (article.text.trim() === '') continue;
    const group = groups.get(article.label) ?? [];
    group.push(article);
    groups.set(article.label, group);
  }
  return [...groups].map(([label, members]) => {
    const times = members.map((article) => (dated && article.time ? Date.parse(article.time) : Number.NaN));
    const first = Math.min(...times.filter((time) => !Number.isNaN(time)));
    const sorted = members
      .map((article, i) => ({
        article,
        offset: Number.isNaN(times[i] ?? Number.NaN) || !Number.isFinite(first) ? null : ((times[i] ?? first) - first) / 3_600_000,
      }))
      .filter((entry) => entry.offset === null || entry.offset <= MAX_OFFSET_HOURS)
      .sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    return {
      key: `${set}:${label}`,
      articles: sorted.map(({ article, offset }) => templateArticle(article.title, article.text, article.lang, offset)),
    };
  });
}

/**
 * semeval-dev has graded pairs, not events: articles joined by a "same story" pair (overall ≤ 1.5, the data README's
 * reading) form a story, and an article in no such pair is a story of its own.
 */
function semevalStories(dataset: EvalDataset): StoryTemplate[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  for (const article of dataset.articles) parent.set(article.id, article.id);
  for (const pair of dataset.pairs ?? []) if (pair.overall <= 1.5) parent.set(find(pair.id1), find(pair.id2));
  const groups = new Map<string, EvalArticle[]>();
  for (const article of dataset.articles) {
    const root = find(article.id);
    groups.set(root, [...(groups.get(root) ?? []), article]);
  }
  return [...groups].map(([root, members]) => ({
    key: `semeval-dev:${root}`,
    articles: members.map((article) => templateArticle(article.title, article.text, article.lang, null)),
  }));
}

/** The aeb-dev article bodies: unrelated one-article stories (their pages are of many kinds and years). */
function aebBodies(file: string): StoryTemplate[] {
  if (!existsSync(file)) return [];
  const truth: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (truth === null || typeof truth !== 'object') return [];
  return Object.entries(truth).flatMap(([id, entry]: [string, unknown]) => {
    const body =
      entry !== null && typeof entry === 'object' && 'articleBody' in entry && typeof entry.articleBody === 'string'
        ? entry.articleBody
        : '';
    return body.trim() === '' ? [] : [{ key: `aeb-dev:${id}`, articles: [templateArticle('', body, null, null)] }];
  });
}

/** An import line needs a title: a text without one is headed by its first sentence, as a feed item would be. */
function templateArticle(title: string, text: string, lang: string | null, offsetHours: number | null): TemplateArticle {
  const heading = title.trim() !== '' ? title.trim() : firstSentence(text);
  return { title: heading, text: text.trim(), lang, offsetHours };
}

function firstSentence(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  const end = line.search(/[.!?。！？](\s|$)/);
  const sentence = end > 0 ? line.slice(0, end + 1) : line;
  return sentence.length <= 120 ? sentence : `${sentence.slice(0, 117).trimEnd()}…`;
}
