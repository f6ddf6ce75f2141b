/**
 * Near-duplicate cases built from real article bodies (AEB ground truth) and real same-event coverage (ECB+).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './index-harness.js';
import { needsPaths } from '../helpers/needs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const aebFile = path.join(dataDir, 'aeb-dev/ground-truth.json');
const ecbFile = path.join(dataDir, 'ecbplus-dev/docs.jsonl');

/** Articles of at least this many words, so that "first 40 %" is still an article-sized teaser. */
const MIN_WORDS = 150;
const ARTICLES = 40;

function loadBodies(): { id: string; body: string }[] {
  const parsed: unknown = JSON.parse(readFileSync(aebFile, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('aeb ground truth is not an object');
  const out: { id: string; body: string }[] = [];
  const entries: Array<[string, unknown]> = Object.entries(parsed);
  for (const [id, entry] of entries) {
    const body: unknown = typeof entry === 'object' && entry !== null && 'articleBody' in entry ? entry.articleBody : null;
    if (typeof body === 'string' && body.split(/\s+/).length >= MIN_WORDS) out.push({ id, body });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, ARTICLES);
}

const HEADER_A = 'Home News World Business Tech Sport Opinion Weather Subscribe Sign in Search the site Follow us on social media';
const FOOTER_A = 'Share this article Related stories Most read Newsletter Sign up for our daily briefing Contact us Terms of use Privacy policy Cookie settings All rights reserved';
const HEADER_B = 'Skip to main content Menu Latest Local Politics Entertainment Lifestyle Video Podcasts Log in Register';
const FOOTER_B = 'Advertisement Recommended for you Trending now About us Careers Advertise with us Accessibility Copyright 2024 Media Group';

/** The variants a copy of an article takes on other sites. */
const VARIANTS: Record<string, (body: string, other: string) => { original: string; copy: string }> = {
  'different boilerplate around it': (body) => ({ original: `${HEADER_A}\n${body}\n${FOOTER_A}`, copy: `${HEADER_B}\n${body}\n${FOOTER_B}` }),
  'a changed headline': (body) => ({
    original: `Markets slide as earnings disappoint investors\n${body}`,
    copy: `What the latest numbers mean for you, explained by our correspondent\n${body}`,
  }),
  'truncated to its first 40 %': (body) => ({ original: body, copy: cutAtWord(body, Math.floor(body.length * 0.4)) }),
  'a paragraph inserted': (body, other) => ({ original: body, copy: insertParagraph(body, firstWords(other, 60)) }),
  'light word edits': (body) => ({ original: body, copy: editEveryNthWord(body, 40) }),
};

function cutAtWord(text: string, at: number): string {
  const space = text.lastIndexOf(' ', at);
  return text.slice(0, space > 0 ? space : at);
}
function firstWords(text: string, n: number): string {
  return text.split(/\s+/).slice(0, n).join(' ');
}
function insertParagraph(body: string, paragraph: string): string {
  const mid = body.indexOf('\n', Math.floor(body.length / 2));
  const at = mid > 0 ? mid : Math.floor(body.length / 2);
  return `${body.slice(0, at)}\n${paragraph}\n${body.slice(at)}`;
}
/** Replaces every n-th word (a sub-editor's touch: 2.5 % of the words with n = 40). */
function editEveryNthWord(body: string, n: number): string {
  let i = 0;
  return body.replace(/\S+/g, (word) => (++i % n === 0 ? `edited${i}` : word));
}

const aeb = needsPaths('near-duplicates from real article bodies', [aebFile]);
describe.skipIf(aeb.skip)(aeb.title, () => {
  const bodies = existsSync(aebFile) ? loadBodies() : [];

  for (const [variant, make] of Object.entries(VARIANTS)) {
    it(`groups a copy (${variant}) with its original and nothing else`, () => {
      const h = openHarness();
      try {
        const originals = bodies.map((b, i) => {
          const other = bodies[(i + 1) % bodies.length]?.body ?? '';
          const { original, copy } = make(b.body, other);
          return { id: b.id, copy, stored: h.ingest(`${b.id}-original`, original) };
        });
        // The originals are all different articles: one group each.
        expect(new Set(originals.map((o) => o.stored.group)).size).toBe(originals.length);
        const missed: string[] = [];
        for (const o of originals) {
          const copy = h.ingest(`${o.id}-copy`, o.copy);
          if (copy.group !== o.stored.group || copy.matches.length !== 1) missed.push(o.id);
        }
        expect(missed).toEqual([]);
      } finally {
        h.close();
      }
    });
  }
});

interface EcbDoc {
  id: string;
  subtopic: string;
  text: string;
}

function loadEcb(): EcbDoc[] {
  return readFileSync(ecbFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line): EcbDoc => {
      const raw: unknown = JSON.parse(line);
      if (typeof raw !== 'object' || raw === null || !('id' in raw) || !('subtopic' in raw) || !('text' in raw)) throw new Error('bad ecbplus line');
      return { id: String(raw.id), subtopic: String(raw.subtopic), text: String(raw.text) };
    });
}

/** 8-word runs, as a definition of "written independently" that shares nothing with the index's own parameters. */
function eightGrams(text: string): Set<string> {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 8 <= tokens.length; i++) out.add(tokens.slice(i, i + 8).join(' '));
  return out;
}

const ecb = needsPaths('same event, different articles', [ecbFile]);
describe.skipIf(ecb.skip)(ecb.title, () => {
  let h: Harness;
  const docs = existsSync(ecbFile) ? loadEcb() : [];
  const groupOf = new Map<string, number>();
  beforeAll(() => {
    h = openHarness();
    for (const doc of docs) groupOf.set(doc.id, h.ingest(doc.id, doc.text).group);
  });
  afterAll(() => h.close());

  it('never groups articles about two different events of the same kind', () => {
    const subtopicsOfGroup = new Map<number, Set<string>>();
    for (const doc of docs) {
      const group = groupOf.get(doc.id) ?? -1;
      const set = subtopicsOfGroup.get(group) ?? new Set<string>();
      set.add(doc.subtopic);
      subtopicsOfGroup.set(group, set);
    }
    const mixed = [...subtopicsOfGroup.values()].filter((s) => s.size > 1);
    expect(mixed).toEqual([]);
  });

  it('does not group independently written reports of the same event', () => {
    const grams = new Map(docs.map((d) => [d.id, eightGrams(d.text)]));
    let pairs = 0;
    const wronglyGrouped: string[] = [];
    for (const a of docs) {
      for (const b of docs) {
        if (a.id >= b.id || a.subtopic !== b.subtopic) continue;
        const ga = grams.get(a.id) ?? new Set<string>();
        const gb = grams.get(b.id) ?? new Set<string>();
        if ([...ga].some((g) => gb.has(g))) continue; // shares a sentence fragment: possibly a copy
        pairs++;
        if (groupOf.get(a.id) === groupOf.get(b.id)) wronglyGrouped.push(`${a.id}~${b.id}`);
      }
    }
    expect(pairs).toBeGreaterThan(1000);
    expect(wronglyGrouped).toEqual([]);
  });

  it('groups the wire story that two outlets ran under different headlines', () => {
    // 7_9ecbplus (AP) and 7_10ecbplus (a reprint): the same AP text under a new headline, minus a dateline.
    expect(groupOf.get('7_9ecbplus')).toBe(groupOf.get('7_10ecbplus'));
  });
});
