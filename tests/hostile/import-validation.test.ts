import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, MAX_TITLE_CHARS, validateArticle } from '../../src/pipeline/article-validation.js';
import type { ArticleInput } from '../../src/model.js';
import { queryDb } from '../helpers/news-db.js';
import { logLines, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { writeConfig } from './store-kit.js';

/**
 * [14] case 5: import refuses what the feed path refuses. Both paths end in one validation (validateArticle):
 * http(s) URLs only, dates from 1900 to a day ahead (later ones clamped to now), titles and texts capped.
 */
const text = 'The council met on Tuesday to discuss the budget for the coming year and agreed on most points. ';
const lines = [
  { id: 'js', url: 'javascript:alert(1)', title: 'Script URL', text },
  { id: 'file', url: 'file:///etc/passwd', title: 'File URL', text },
  { id: 'far-future', url: 'https://example.org/far', title: 'Year 9999', text, published: '9999-12-31T00:00:00Z' },
  { id: 'beyond-iso', url: 'https://example.org/beyond', title: 'Year 275760', text, published: '+275760-09-13T00:00:00Z' },
  { id: 'long-title', title: `${'word '.repeat(20_000)}end`, text },
  { id: 'huge-text', title: 'Huge text', text: text.repeat(Math.ceil((5 * 1024 * 1024) / text.length)) },
  { id: 'fine', url: 'https://example.org/fine', title: 'A fine article', text, published: '2026-11-30T10:00:00Z' },
];

describe("import validation, the same as the feed path's", () => {
  let tmp: ReturnType<typeof tempDir>;
  let result: CliResult;
  let startedAt: number;

  beforeAll(async () => {
    tmp = tempDir();
    const config = writeConfig(tmp.dir);
    writeFileSync(path.join(tmp.dir, 'hostile.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    startedAt = Date.now();
    result = await runCli(['import', path.join(tmp.dir, 'hostile.jsonl'), '--config', config]);
  });
  afterAll(() => tmp?.cleanup());

  it('rejects javascript: and file: URLs and dates beyond year 9999, by line; clamps year 9999 to now; caps title and text', () => {
    expect(result.code, result.stderr).toBe(0);
    const rejected = logLines(result.stderr).filter((line) => line['msg'] === 'import_line_rejected');
    // Lines are checked as they are read and again once built (in batches): sorted by line for the comparison.
    expect(rejected.map((line) => [line['line'], line['reason']]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, expect.stringMatching(/^store: url: expected an absolute http\(s\) URL, got "javascript:/)],
      [2, expect.stringMatching(/^store: url: expected an absolute http\(s\) URL, got "file:/)],
      [4, 'published: expected an ISO 8601 or RFC 822 date from the years 1900-9999'],
    ]);
    const stored = queryDb<{ external_id: string; title_chars: number; text_chars: number; published_at: string | null }>(
      path.join(tmp.dir, 'news.db'),
      'SELECT external_id, length(title) AS title_chars, length(text) AS text_chars, published_at FROM articles ORDER BY id',
    );
    expect(stored.map((row) => row.external_id)).toEqual(['far-future', 'long-title', 'huge-text', 'fine']);
    const [future, longTitle, hugeText, fine] = stored;
    const clamped = Date.parse(future?.published_at ?? '');
    expect(clamped).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(clamped).toBeLessThanOrEqual(Date.now());
    expect(longTitle?.title_chars).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(hugeText?.text_chars).toBe(MAX_TEXT_CHARS);
    expect(fine?.published_at).toBe('2026-11-30T10:00:00.000Z');
    const changed = logLines(result.stderr)
      .filter((line) => line['msg'] === 'import_line_changed')
      .map((line) => line['line']);
    expect(changed).toEqual([3, 5, 6]);
  });

  const article = (overrides: Partial<ArticleInput>): ArticleInput => ({
    feedName: 'feed',
    source: 'Outlet',
    itemKey: 'guid:1',
    externalId: null,
    guid: '1',
    url: 'https://example.org/a',
    canonicalUrl: null,
    title: 'Title',
    text: 'Text',
    html: null,
    byline: null,
    lang: 'en',
    publishedAt: '2026-11-30T10:00:00.000Z',
    modifiedAt: null,
    method: 'feed',
    fallbackReason: null,
    itemHash: null,
    ...overrides,
  });
  const now = new Date('2026-12-01T00:00:00.000Z');

  it.each([
    ['a valid article comes back unchanged', {}, true, {}],
    ['data: URL', { url: 'data:text/html,x' }, false, {}],
    ['year 1066', { publishedAt: '1066-10-14T00:00:00.000Z' }, true, { publishedAt: null }],
    ['a week ahead', { publishedAt: '2026-12-08T00:00:00.000Z' }, true, { publishedAt: now.toISOString() }],
    ['a bad canonical URL', { canonicalUrl: 'javascript:x' }, true, { canonicalUrl: null }],
    ['a language that is no tag', { lang: 'en; DROP TABLE' }, true, { lang: null }],
  ] as const)('validateArticle: %s', (_, overrides, valid, expected) => {
    const result = validateArticle(article(overrides), now);
    expect(result.ok).toBe(valid);
    if (result.ok) expect(result.value.article).toEqual({ ...article(overrides), ...expected });
  });
});
