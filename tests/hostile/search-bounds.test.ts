import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../../src/pipeline/article-validation.js';
import type { ArticleInput } from '../../src/model.js';
import type { Database } from '../../src/store/database.js';
import { MAX_QUERY_TERMS, MAX_SNIPPET_CHARS, searchArticles, searchTerms, SNIPPET_SCAN_CHARS, snippetOf } from '../../src/store/search.js';
import { articleInput } from '../helpers/article-input.js';
import { defaultIngester, ingestBatch } from '../helpers/ingest.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-db.js';

/**
 * [14] case 6: search cannot be stalled. The stored text is capped, the query is cut to MAX_QUERY_TERMS distinct
 * words, and a snippet is made from the first SNIPPET_SCAN_CHARS characters of a hit only: what one request costs
 * does not grow with the article or the query. (Timings are in the README; here the bounds on the work are checked.)
 */
describe('search on a 5 MB article and with an 8,000-word query', () => {
  let store: TempDatabase;
  let db: Database;
  const words = Array.from({ length: 8000 }, (_, i) => `w${i}x`);

  beforeAll(() => {
    store = openTempDatabase();
    db = store.db;
    const ingester = defaultIngester(db, store.dir);
    // 5 MB in which "harbour" is every tenth word: FTS5's snippet() took minutes on such an article.
    const sentence = 'the harbour master said ships wait outside the port until the storm passes ';
    const huge = sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    const article = (key: string, title: string, text: string): ArticleInput =>
      articleInput(key, { source: 'Outlet', externalId: key, title, text, lang: 'en', publishedAt: '2026-11-30T10:00:00.000Z' });
    ingestBatch(
      db,
      ingester,
      [
        article('huge', 'Storm closes the harbour', huge),
        article('many-words', 'A list of words', `${words.slice(0, MAX_QUERY_TERMS).join(' ')} and nothing else`),
        article('late-match', 'Late match', `${'filler '.repeat(SNIPPET_SCAN_CHARS / 7 + 10)}lighthouse`),
      ],
      new Date('2026-12-01T00:00:00.000Z'),
    );
  });
  afterAll(() => store?.close());

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
