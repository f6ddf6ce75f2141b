import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import { openHarness, type Harness } from './index-harness.js';

const words = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}${(i * 7919) % 104729}`).join(' ');

let harness: Harness | null = null;
afterEach(() => {
  harness?.close();
  harness = null;
});

describe('duplicate index: groups', () => {
  it('gives every article a group and lets copies join the group of the earliest article', () => {
    const h = (harness = openHarness());
    const base = words(300, 'w');
    const a = h.ingest('a', base);
    const b = h.ingest('b', words(300, 'other'));
    const c = h.ingest('c', `${base} one more closing sentence here`);
    expect(a.matches).toEqual([]);
    expect(a.group).not.toBe(b.group);
    expect(c.group).toBe(a.group);
    expect(c.matches.map((m) => [m.articleId, m.reason])).toEqual([[a.id, 'minhash']]);
    const row = h.db.prepare('SELECT canonical_article_id, size FROM duplicate_groups WHERE id = ?').get(a.group);
    expect(row).toEqual({ canonical_article_id: a.id, size: 2 });
  });

  it('merges two groups into the oldest when a bridging article arrives later', () => {
    const h = (harness = openHarness());
    const left = words(200, 'left');
    const right = words(200, 'right');
    const a = h.ingest('a', left);
    const b = h.ingest('b', right);
    expect(a.group).not.toBe(b.group);
    // Contains both texts entirely: each is a teaser of the bridge (containment 1).
    const bridge = h.ingest('bridge', `${left} ${right}`);
    expect(bridge.group).toBe(a.group);
    expect(h.groupOf(b.id)).toBe(a.group);
    const groups = h.db.prepare('SELECT id, canonical_article_id, size, merged_count FROM duplicate_groups').all();
    expect(groups).toEqual([{ id: a.group, canonical_article_id: a.id, size: 3, merged_count: 1 }]);
  });

  it('matches exact copies by text hash and the same page by canonical URL', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', words(100, 'x'), { url: 'https://Example.com/story?id=1&utm_source=rss' });
    const copy = h.ingest('copy', words(100, 'x'));
    const sameUrl = h.ingest('same-url', 'Completely rewritten text, updated later', {
      url: 'https://example.com/story?utm_medium=x&id=1#top',
    });
    expect(copy.matches[0]).toMatchObject({ articleId: a.id, reason: 'text_hash', jaccard: 1 });
    expect(sameUrl.matches.map((m) => m.reason)).toContain('canonical_url');
    expect(new Set([a.group, copy.group, sameUrl.group]).size).toBe(1);
  });

  it('ignores a canonical URL that is a site home page', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', words(100, 'a'), { url: 'https://example.com/' });
    const b = h.ingest('b', words(100, 'b'), { url: 'https://example.com/' });
    expect(b.matches).toEqual([]);
    expect(b.group).not.toBe(a.group);
  });

  it('never groups texts without words', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', '');
    const b = h.ingest('b', '  ...  ');
    expect(b.matches).toEqual([]);
    expect(a.group).not.toBe(b.group);
  });

  it('rejects a fingerprint made with other parameters', () => {
    const h = (harness = openHarness());
    const other = fingerprintText('some text here', { numPerm: 64, shingleSize: 5, seed: 1 });
    expect(() => h.index.findDuplicates(other, null)).toThrowErrorMatchingInlineSnapshot(
      `[PipelineError: fingerprint: fingerprint made with numPerm=64 shingleSize=5 seed=1, but the index uses numPerm=128 shingleSize=5 seed=1592598101]`,
    );
  });
});

describe('duplicate index: updated articles', () => {
  it('keeps an updated article in its group while it still matches a member', () => {
    const h = (harness = openHarness());
    const base = words(300, 'w');
    const a = h.ingest('a', base);
    const b = h.ingest('b', base);
    const group = h.db.transaction(() => h.index.replace(b.id, fingerprintText(`${base} with a correction appended`), null))();
    expect(group).toBe(a.group);
    expect(h.db.prepare('SELECT count(*) AS n FROM article_fingerprints').get()).toEqual({ n: 2 });
  });

  it('keeps it in its group when the new text matches nothing else', () => {
    const h = (harness = openHarness());
    const base = words(300, 'w');
    const a = h.ingest('a', base);
    const b = h.ingest('b', base);
    const group = h.db.transaction(() => h.index.replace(b.id, fingerprintText(words(300, 'rewritten')), null))();
    expect(group).toBe(a.group);
  });

  it('moves it when the new text clearly belongs to another group', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', words(300, 'w'));
    const b = h.ingest('b', words(300, 'w'));
    const c = h.ingest('c', words(300, 'elsewhere'));
    const group = h.db.transaction(() => h.index.replace(b.id, fingerprintText(words(300, 'elsewhere')), null))();
    expect(group).toBe(c.group);
    expect(h.db.prepare('SELECT size FROM duplicate_groups WHERE id = ?').get(a.group)).toEqual({ size: 1 });
    // Its old band keys are gone: the old text now only finds article a.
    const old = h.index.findDuplicates(fingerprintText(words(300, 'w')), null);
    expect(old.map((m) => m.articleId)).toEqual([a.id]);
  });
});

describe('duplicate index: canonical article bookkeeping', () => {
  it('hands the canonical role to the next earliest member when the canonical article moves away', () => {
    const h = (harness = openHarness());
    const base = words(300, 'w');
    const a = h.ingest('a', base);
    const b = h.ingest('b', base);
    const c = h.ingest('c', base);
    h.ingest('d', words(300, 'elsewhere'));
    h.db.transaction(() => h.index.replace(a.id, fingerprintText(words(300, 'elsewhere')), null))();
    const row = h.db.prepare('SELECT canonical_article_id, size FROM duplicate_groups WHERE id = ?').get(b.group);
    expect(row).toEqual({ canonical_article_id: b.id, size: 2 });
    expect(h.groupOf(c.id)).toBe(b.group);
  });

  it('indexes an article on replace even if it was never fingerprinted', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', words(300, 'w'));
    h.db.prepare('DELETE FROM article_fingerprints WHERE article_id = ?').run(a.id);
    h.db.prepare('UPDATE articles SET duplicate_group_id = NULL WHERE id = ?').run(a.id);
    const group = h.db.transaction(() => h.index.replace(a.id, fingerprintText(words(300, 'w')), null))();
    expect(h.groupOf(a.id)).toBe(group);
    expect(h.index.findDuplicates(fingerprintText(words(300, 'w')), null).map((m) => m.articleId)).toEqual([a.id]);
  });

  it('removes the fingerprint with its article (ON DELETE CASCADE) and skips its lingering band rows', () => {
    const h = (harness = openHarness());
    const a = h.ingest('a', words(300, 'w'));
    h.db.prepare('UPDATE articles SET duplicate_group_id = NULL WHERE id = ?').run(a.id);
    h.db.prepare('DELETE FROM articles WHERE id = ?').run(a.id);
    expect(h.db.prepare('SELECT count(*) AS n FROM article_fingerprints').get()).toEqual({ n: 0 });
    expect(h.index.findDuplicates(fingerprintText(words(300, 'w')), null)).toEqual([]);
  });
});
