import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../../src/pipeline/article-validation.js';
import { parseConfig } from '../../src/config/config.js';
import { createIngester, ingestSettingsFrom } from '../../src/pipeline/ingest.js';
import type { ArticleInput } from '../../src/model.js';
import { openDatabase, writeTransaction, type Database } from '../../src/store/database.js';
import { MAX_QUERY_TERMS, MAX_SNIPPET_CHARS, searchArticles, searchTerms, SNIPPET_SCAN_CHARS, snippetOf } from '../../src/store/queries.js';
import { tempDir } from '../helpers/cli.js';

/**
 * [14] case 6: search cannot be stalled. The stored text is capped, the query is cut to MAX_QUERY_TERMS distinct
 * words, and a snippet is made from the first SNIPPET_SCAN_CHARS characters of a hit only: what one request costs
 * does not grow with the article or the query. (Timings are in the README; here the bounds on the work are checked.)
 */
describe('search on a 5 MB article and with an 8,000-word query', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  const words = Array.from({ length: 8000 }, (_, i) => `w${i}x`);

  beforeAll(() => {
    tmp = tempDir();
    db = openDatabase(path.join(tmp.dir, 'news.db'));
    const config = parseConfig('feeds: []\n', path.join(tmp.dir, 'feeds.yaml'));
    const ingester = createIngester(db, ingestSettingsFrom(config, 1));
    // 5 MB in which "harbour" is every tenth word: FTS5's snippet() took minutes on such an article.
    const sentence = 'the harbour master said ships wait outside the port until the storm passes ';
    const huge = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    const article = (key: string, title: string, text: string): ArticleInput => ({
      feedName: null, source: 'Outlet', itemKey: key, externalId: key, guid: null, url: null, canonicalUrl: null, title, text, html: null,
      byline: null, lang: 'en', publishedAt: '2026-11-30T10:00:00.000Z', modifiedAt: null, method: 'import', fallbackReason: null, itemHash: null,
    });
    writeTransaction(db, () =>
      ingester.ingest(
        [
          article('huge', 'Storm closes the harbour', huge),
          article('many-words', 'A list of words', `${words.slice(0, MAX_QUERY_TERMS).join(' ')} and nothing else`),
          article('late-match', 'Late match', `${'filler '.repeat(SNIPPET_SCAN_CHARS / 7 + 10)}lighthouse`),
        ],
        new Date('2026-12-01T00:00:00.000Z'),
      ),
    );
  });
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  it('stores at most MAX_TEXT_CHARS of the 5 MB text and answers with a bounded snippet', () => {
    expect(db.prepare(`SELECT length(text) AS n FROM articles WHERE external_id = 'huge'`).get()).toEqual({ n: MAX_TEXT_CHARS });
    const hits = searchArticles(db, 'harbour');
    expect(hits.map((hit) => hit.title)).toEqual(['Storm closes the harbour']);
    expect(hits[0]?.snippet).toContain('[harbour]');
    expect(hits[0]?.snippet.length).toBeLessThanOrEqual(MAX_SNIPPET_CHARS + 2);
  });

  it('cuts an 8,000-word query to MAX_QUERY_TERMS distinct words, and still finds the article that has them', () => {
    const query = [...words, ...words].join(' ');
    expect(searchTerms(query)).toEqual({ terms: words.slice(0, MAX_QUERY_TERMS), truncated: true });
    expect(searchArticles(db, query).map((hit) => hit.title)).toEqual(['A list of words']);
  });

  it('looks for the snippet in the first SNIPPET_SCAN_CHARS characters only', () => {
    const [hit] = searchArticles(db, 'lighthouse');
    expect(hit?.title).toBe('Late match');
    // Matched by FTS5 over the whole text, but the match lies past the scanned prefix: the snippet is the text's start.
    expect(hit?.snippet).not.toContain('[');
    expect(hit?.snippet.startsWith('filler filler')).toBe(true);
    expect(snippetOf(`${'x'.repeat(SNIPPET_SCAN_CHARS)} lighthouse`, ['lighthouse'])).not.toContain('[');
    expect(snippetOf('a lighthouse b', ['lighthouse'])).toBe('a [lighthouse] b');
  });
});
