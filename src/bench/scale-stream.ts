/**
 * The scale benchmark's stream: N articles over 60 simulated days, in time order, each an import line with a known
 * event. Built from real story templates (scale-sources.ts) in rounds: round r tells every template once, in
 * dialect r (scale-text.ts), at a random start in the 60 days, so the stream's density grows with N as a bigger
 * feed list's would, and no story is ever told twice in one dialect.
 *
 * What an event holds:
 * - its outlets' own reports (the template's real articles), each from a different outlet, over the first 30 hours;
 * - follow-ups days later: the template's own (gva's real dates, kept up to 40 days) or, for an undated story of 3+
 *   reports, its last report moved to 2-6 days after the others (with chance `followUpShare`);
 * - wire copies: a report re-run by 1-3 other outlets with small edits, 5 minutes to 12 hours later (with chance
 *   `copyShare` per report);
 * - one-article stories (single-article incidents, unpaired semeval articles, aeb-dev bodies) are the unrelated ones.
 * A quarter of the outlets end every article with their own footer line (what the boilerplate lines learn).
 */
import { editCopy, inDialect } from './scale-text.js';
import { mulberry32 } from './seeded-random.js';
import type { StoryTemplate } from './scale-sources.js';

/** Options of {@link buildScaleStream}. */
export interface ScaleStreamOptions {
  /** Articles in the stream. */
  articles: number;
  /** Simulated days. Default 60. */
  days?: number;
  /** Seed of every random choice. Default 1. */
  seed?: number;
  /** The first simulated moment, ms since the epoch. Default 2026-09-01T00:00Z. */
  startMs?: number;
  /** Outlets the articles are spread over. Default 500. */
  outlets?: number;
  /** Chance that a report is also run as a wire copy by other outlets. Default 0.1. */
  copyShare?: number;
  /** Chance that an undated story of 3+ reports gets its last one as a follow-up days later. Default 0.3. */
  followUpShare?: number;
}

/** What an article of the stream is. */
export type StreamKind = 'report' | 'follow-up' | 'copy' | 'single';

/** An import line (the shape `newsdedup import` reads). */
export interface StreamLine {
  id: string;
  url: string;
  title: string;
  text: string;
  published: string;
  source: string;
  lang?: string;
}

/** One article of the stream with its known event. */
export interface StreamArticle {
  /** Its number in the stream's plan (also its import id). */
  index: number;
  event: number;
  kind: StreamKind;
  timeMs: number;
  line: StreamLine;
}

/** A planned stream; {@link ScaleStream.articles} renders it in time order. */
export interface ScaleStream {
  total: number;
  /** Events (story instances) in the stream. */
  events: number;
  /** Rounds over the templates (dialects used). */
  rounds: number;
  counts: Record<StreamKind, number>;
  startMs: number;
  endMs: number;
  /** The known event of the article planned as `index`. */
  eventOf(index: number): number;
  articles(): Generator<StreamArticle>;
}

const HOUR = 3_600_000;
const KINDS: readonly StreamKind[] = ['report', 'follow-up', 'copy', 'single'];
// Languages written in Latin letters: only their stories are retold in dialects (pseudo-words are Latin).
const LATIN = new Set(['en', 'de', 'es', 'it', 'fr', 'pl', 'tr', 'nl', 'pt']);

/** The plan, one entry per article, in arrays (a million objects would cost more memory than the texts). */
interface Plan {
  template: number[];
  member: number[];
  round: number[];
  time: number[];
  kind: number[];
  outlet: number[];
  event: number[];
  /** 0 for a report, else the seed of the copy's edits. */
  copySeed: number[];
}

/** Plans a stream of `options.articles` articles from the templates (deterministic for a seed). */
export function buildScaleStream(templates: readonly StoryTemplate[], keep: ReadonlySet<string>, options: ScaleStreamOptions): ScaleStream {
  if (templates.length === 0) throw new Error('bench-scale: no story templates (is ../shared/data there?)');
  const settings = { days: 60, seed: 1, startMs: Date.UTC(2026, 8, 1), outlets: 500, copyShare: 0.1, followUpShare: 0.3, ...options };
  const endMs = settings.startMs + settings.days * 24 * HOUR;
  const random = mulberry32(settings.seed);
  const plan: Plan = { template: [], member: [], round: [], time: [], kind: [], outlet: [], event: [], copySeed: [] };
  const retellable = templates
    .map((template, i) => ({ template, i }))
    .filter(({ template }) => template.articles.every((a) => a.lang === null || LATIN.has(a.lang)));
  let events = 0;
  let round = 0;
  const full = () => plan.time.length >= settings.articles;
  for (; !full(); round++) {
    const pool = round === 0 ? templates.map((template, i) => ({ template, i })) : retellable;
    if (pool.length === 0) break;
    for (const { template, i } of shuffled(pool, random)) {
      if (full()) break;
      planEvent(plan, template, i, round, events++, settings, endMs, random);
    }
  }
  const total = Math.min(plan.time.length, settings.articles);
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => (plan.time[a] ?? 0) - (plan.time[b] ?? 0) || a - b);
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<StreamKind, number>;
  for (let i = 0; i < total; i++) counts[KINDS[plan.kind[i] ?? 0] ?? 'report']++;
  return {
    total,
    events,
    rounds: round,
    counts,
    startMs: settings.startMs,
    endMs,
    eventOf: (index) => plan.event[index] ?? -1,
    *articles() {
      for (const index of order) yield render(plan, templates, keep, index);
    },
  };
}

interface PlanSettings {
  days: number;
  startMs: number;
  outlets: number;
  copyShare: number;
  followUpShare: number;
  articles: number;
}

function planEvent(
  plan: Plan,
  template: StoryTemplate,
  templateIndex: number,
  round: number,
  event: number,
  settings: PlanSettings,
  endMs: number,
  random: () => number,
): void {
  // A story starts anywhere but its last day and a half, so its reports fit in the stream.
  const start = settings.startMs + random() * (endMs - settings.startMs - 36 * HOUR);
  const outlets = new Set<number>();
  const outlet = () => {
    let pick = Math.floor(random() * settings.outlets);
    while (outlets.has(pick) && outlets.size < settings.outlets) pick = Math.floor(random() * settings.outlets);
    outlets.add(pick);
    return pick;
  };
  const last = template.articles.length - 1;
  template.articles.forEach((article, member) => {
    let offset = article.offsetHours ?? random() * 30;
    let kind: StreamKind = last === 0 ? 'single' : article.offsetHours !== null && article.offsetHours >= 48 ? 'follow-up' : 'report';
    if (article.offsetHours === null && last >= 2 && member === last && random() < settings.followUpShare) {
      // Two to six days after the last of the first day and a half's reports.
      offset = 30 + 48 + random() * 96;
      kind = 'follow-up';
    }
    const time = start + offset * HOUR;
    if (time >= endMs || plan.time.length >= settings.articles) return;
    push(plan, { template: templateIndex, member, round, time, kind, outlet: outlet(), event, copySeed: 0 });
    if (random() >= settings.copyShare) return;
    const copies = 1 + Math.floor(random() * 3);
    for (let c = 0; c < copies; c++) {
      const copyTime = time + (5 / 60 + random() * 12) * HOUR;
      if (copyTime >= endMs || plan.time.length >= settings.articles) return;
      push(plan, {
        template: templateIndex,
        member,
        round,
        time: copyTime,
        kind: 'copy',
        outlet: outlet(),
        event,
        copySeed: 1 + Math.floor(random() * 2 ** 30),
      });
    }
  });
}

function push(
  plan: Plan,
  entry: {
    template: number;
    member: number;
    round: number;
    time: number;
    kind: StreamKind;
    outlet: number;
    event: number;
    copySeed: number;
  },
): void {
  plan.template.push(entry.template);
  plan.member.push(entry.member);
  plan.round.push(entry.round);
  plan.time.push(entry.time);
  plan.kind.push(KINDS.indexOf(entry.kind));
  plan.outlet.push(entry.outlet);
  plan.event.push(entry.event);
  plan.copySeed.push(entry.copySeed);
}

function render(plan: Plan, templates: readonly StoryTemplate[], keep: ReadonlySet<string>, index: number): StreamArticle {
  const article = templates[plan.template[index] ?? 0]?.articles[plan.member[index] ?? 0];
  if (article === undefined) throw new Error(`bench-scale: plan entry ${index} names no template article`);
  const round = plan.round[index] ?? 0;
  const outlet = plan.outlet[index] ?? 0;
  const source = `Outlet ${outlet}`;
  let title = inDialect(article.title, round, keep);
  let text = inDialect(article.text, round, keep);
  const copySeed = plan.copySeed[index] ?? 0;
  if (copySeed !== 0) ({ title, text } = editCopy(title, text, source, mulberry32(copySeed)));
  if (outlet % 4 === 0) text += `\n${source} brings you independent news every day. Subscribe to our newsletter for more.`;
  const timeMs = plan.time[index] ?? 0;
  const published = new Date(Math.floor(timeMs / 1000) * 1000).toISOString();
  const line: StreamLine = {
    id: String(index),
    url: `https://outlet-${outlet}.example/${published.slice(0, 10)}/${index}`,
    title,
    text,
    published,
    source,
  };
  if (article.lang !== null) line.lang = article.lang;
  return { index, event: plan.event[index] ?? -1, kind: KINDS[plan.kind[index] ?? 0] ?? 'report', timeMs, line };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
