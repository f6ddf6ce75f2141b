import { describe, expect, it } from 'vitest';
import { buildScaleStream, type StreamArticle } from '../../src/bench/scale-stream.js';
import type { StoryTemplate } from '../../src/bench/scale-sources.js';
import { commonWords, inDialect } from '../../src/bench/scale-text.js';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import { judgeNearDuplicate } from '../../src/fingerprint/near-duplicates.js';

const WORDS =
  'harbour council vote bridge tram contract mayor inquiry flood river storm school budget strike rail port festival court verdict fire'.split(
    ' ',
  );

/** Small made-up stories: 3-report events (undated), one dated with a follow-up 5 days on, and one-article stories. */
function templates(): StoryTemplate[] {
  const body = (seed: number, length: number) =>
    Array.from(
      { length },
      (_, i) => `${i % 9 === 0 ? 'The' : 'the'} ${WORDS[(seed * 7 + i * 3) % WORDS.length]} of Avelin${seed} said ${i + seed} people`,
    ).join(' ');
  const stories: StoryTemplate[] = [];
  for (let s = 0; s < 8; s++) {
    stories.push({
      key: `event:${s}`,
      articles: [0, 1, 2].map((r) => ({ title: `Story ${s} report ${r}`, text: body(s * 10 + r, 60), lang: 'en', offsetHours: null })),
    });
  }
  stories.push({
    key: 'dated:0',
    articles: [
      { title: 'Shooting in Dunhallow', text: body(91, 60), lang: 'en', offsetHours: 0 },
      { title: 'Dunhallow suspect in court', text: body(92, 60), lang: 'en', offsetHours: 120 },
    ],
  });
  for (let s = 0; s < 10; s++)
    stories.push({ key: `single:${s}`, articles: [{ title: `Lone story ${s}`, text: body(200 + s, 50), lang: 'en', offsetHours: null }] });
  return stories;
}

function collect(articles: number, seed = 1): { all: StreamArticle[]; stream: ReturnType<typeof buildScaleStream> } {
  const source = templates();
  const keep = commonWords(
    source.flatMap((t) => t.articles.map((a) => a.text)),
    5,
  );
  const stream = buildScaleStream(source, keep, { articles, seed, copyShare: 0.5, followUpShare: 1 });
  return { all: [...stream.articles()], stream };
}

describe('the scale stream', () => {
  it('is the same for a seed, and another seed gives another stream', () => {
    const a = collect(300).all.map((x) => x.line);
    expect(collect(300).all.map((x) => x.line)).toEqual(a);
    expect(collect(300, 2).all.map((x) => x.line)).not.toEqual(a);
  });

  it('holds exactly the articles asked for, in time order, with unique ids, inside 60 days', () => {
    const { all, stream } = collect(300);
    expect(all).toHaveLength(300);
    expect(new Set(all.map((x) => x.line.id)).size).toBe(300);
    for (let i = 1; i < all.length; i++) expect(all[i]?.timeMs ?? 0).toBeGreaterThanOrEqual(all[i - 1]?.timeMs ?? 0);
    expect(all.every((x) => x.timeMs >= stream.startMs && x.timeMs < stream.endMs)).toBe(true);
    expect(Object.values(stream.counts).reduce((s, n) => s + n, 0)).toBe(300);
    expect(all.every((x) => stream.eventOf(x.index) === x.event)).toBe(true);
  });

  it('contains reports, wire copies, follow-ups and unrelated one-article stories', () => {
    const { all, stream } = collect(300);
    for (const kind of ['report', 'copy', 'follow-up', 'single'] as const) expect(stream.counts[kind]).toBeGreaterThan(0);
    expect(stream.rounds).toBeGreaterThan(1);
    // A report's outlets differ within an event.
    const byEvent = new Map<number, StreamArticle[]>();
    for (const x of all) byEvent.set(x.event, [...(byEvent.get(x.event) ?? []), x]);
    for (const members of byEvent.values()) expect(new Set(members.map((m) => m.line.source)).size).toBe(members.length);
    // A follow-up comes at least two days after its event's first article.
    for (const x of all.filter((a) => a.kind === 'follow-up')) {
      const first = Math.min(...(byEvent.get(x.event) ?? []).map((m) => m.timeMs));
      expect(x.timeMs - first).toBeGreaterThanOrEqual(48 * 3_600_000);
    }
  });

  it('makes wire copies near-duplicates of a report of their event', () => {
    const { all } = collect(300);
    const copies = all.filter((x) => x.kind === 'copy');
    expect(copies.length).toBeGreaterThan(5);
    for (const copy of copies) {
      const originals = all.filter((x) => x.event === copy.event && x.kind !== 'copy');
      const verdicts = originals.map((o) =>
        judgeNearDuplicate(fingerprintText(o.line.text), fingerprintText(copy.line.text), { threshold: 0.8, containmentThreshold: 0.8 }),
      );
      expect(verdicts.some((v) => v.duplicate)).toBe(true);
    }
  });

  it('retells a story in another dialect with none of its uncommon words', () => {
    const keep = new Set(['the', 'of']);
    const retold = inDialect('The Harbour council of Avelin said', 3, keep);
    expect(retold.split(' ')[0]).toBe('The');
    expect(retold).not.toMatch(/Harbour|council|Avelin|said/);
    expect(retold.split(' ')[1]?.[0]).toMatch(/[A-Z]/);
    expect(inDialect('The Harbour council', 3, keep)).toBe(retold.split(' ').slice(0, 3).join(' '));
    expect(inDialect('The Harbour council', 4, keep)).not.toBe(retold.split(' ').slice(0, 3).join(' '));
    expect(inDialect('The Harbour council', 0, keep)).toBe('The Harbour council');
  });
});
