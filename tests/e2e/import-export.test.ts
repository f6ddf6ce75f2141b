import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/news-db.js';
import { logLines, REPO_ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/import/articles.jsonl');

describe('newsdedup import / export', () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let first: CliResult;

  beforeAll(async () => {
    tmp = tempDir();
    config = path.join(tmp.dir, 'feeds.yaml');
    writeFileSync(config, 'database: news.db\nfeeds: []\n');
    copyFileSync(FIXTURE, path.join(tmp.dir, 'articles.jsonl'));
    first = await runCli(['import', path.join(tmp.dir, 'articles.jsonl'), '--config', config]);
  });
  afterAll(() => tmp?.cleanup());

  const rows = <T>(sql: string): T[] => queryDb<T>(path.join(tmp.dir, 'news.db'), sql);

  it('reports each bad line with its number and reason, and imports the rest', () => {
    expect(first.code, first.stderr).toBe(0);
    const rejected = logLines(first.stderr).filter((line) => line['msg'] === 'import_line_rejected');
    expect(rejected.map((line) => [line['line'], line['reason']])).toEqual([
      [3, expect.stringMatching(/^not JSON/)],
      [4, 'title: expected a non-empty title'],
      [5, 'published: expected an ISO 8601 or RFC 822 date from the years 1900-9999'],
      [9, 'text or html: expected one of them'],
    ]);
    const summary = logLines(first.stderr).find((line) => line['msg'] === 'import_summary');
    expect(summary).toMatchObject({ lines: 9, imported: 4, rejected: 4, duplicates: 1 });
  });

  it('keeps external ids, extracts html, and groups the copy with its original', () => {
    const stored = rows<{ external_id: string; text: string; method: string; duplicate_group_id: number; published_at: string | null }>(
      'SELECT external_id, text, method, duplicate_group_id, published_at FROM articles ORDER BY id',
    );
    expect(stored.map((row) => row.external_id)).toEqual(['a-1', 'a-2', 'a-5', '6']);
    expect(stored[0]?.duplicate_group_id).toBe(stored[1]?.duplicate_group_id);
    expect(stored[2]?.duplicate_group_id).not.toBe(stored[0]?.duplicate_group_id);
    expect(stored[2]?.published_at).toBe('2026-03-03T06:15:00.000Z');
    expect(stored[3]?.text).toMatch(/^Ferry strike ends after pay deal\n|Crews on the island ferries/);
    expect(stored[3]?.text).not.toMatch(/Contact us|Home News Sport/);
  });

  it('is idempotent: importing the same file again adds nothing', async () => {
    const again = await runCli(['import', path.join(tmp.dir, 'articles.jsonl'), '--config', config]);
    expect(again.code).toBe(0);
    expect(logLines(again.stderr).find((line) => line['msg'] === 'import_summary')).toMatchObject({ imported: 0, unchanged: 4 });
    expect(rows('SELECT id FROM articles')).toHaveLength(4);
  });

  it('exports every article as JSON lines and as CSV with the documented fields', async () => {
    const jsonl = await runCli(['export', '--config', config]);
    expect(jsonl.code).toBe(0);
    const articles = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(articles).toHaveLength(4);
    for (const article of articles) {
      expect(Object.keys(article)).toEqual(
        expect.arrayContaining(['id', 'external_id', 'url', 'source', 'title', 'published', 'duplicate_group', 'cluster']),
      );
    }
    expect(articles[0]?.['duplicate_group']).toBe(articles[1]?.['duplicate_group']);
    expect(articles[0]?.['cluster']).toBe(articles[1]?.['cluster']);

    const csv = await runCli(['export', '--format', 'csv', '--config', config]);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,external_id,url,source,title,published,lang,duplicate_group,cluster,version');
    expect(lines).toHaveLength(5);
  });
});
