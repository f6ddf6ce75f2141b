import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, MAX_TERM_CHARS, searchArticles, searchTerms, snippetOf } from '../../src/store/search.js';
import { hour, seedStories } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/search', () => {
  const open = tempDatabasePerTest();

  it('an empty database has no hits', () => {
    expect(searchArticles(open().db, 'harbour')).toEqual([]);
  });

  it('search: every word must match, FTS syntax is searched for, title weighs more, `since` and `limit` apply', () => {
    const { db } = open();
    seedStories(db);
    expect(searchArticles(db, 'harbour').map((hit) => hit.title)).toEqual([
      'Harbour budget approved',
      'Harbour budget approved',
      'Dredging debate',
    ]);
    expect(searchArticles(db, 'harbour dredging').map((hit) => hit.title)).toEqual(['Dredging debate']);
    expect(searchArticles(db, 'harbour OR fire')).toEqual([]);
    expect(searchArticles(db, '"unbalanced')).toEqual([]);
    expect(searchArticles(db, '   ')).toEqual([]);
    expect(searchArticles(db, 'harbour', { since: new Date(hour(1)), limit: 1 })).toEqual([
      {
        id: expect.any(Number),
        title: 'Harbour budget approved',
        outlet: expect.any(String),
        published: expect.any(String),
        url: expect.any(String),
        cluster: 1,
        snippet: 'The council approved the [harbour] budget.',
      },
    ]);
  });

  it('search terms: distinct ignoring case, each cut to MAX_TERM_CHARS, at most MAX_QUERY_TERMS', () => {
    expect(searchTerms('Harbour harbour HARBOUR fire')).toEqual({ terms: ['Harbour', 'fire'], truncated: false });
    expect(searchTerms('x'.repeat(MAX_TERM_CHARS + 5)).terms).toEqual(['x'.repeat(MAX_TERM_CHARS)]);
    const many = Array.from({ length: MAX_QUERY_TERMS + 3 }, (_, i) => `w${i}`).join(' ');
    expect(searchTerms(many)).toEqual({ terms: Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `w${i}`), truncated: true });
    expect(searchTerms('')).toEqual({ terms: [], truncated: false });
  });

  it('snippets: the first match in context, marked; the start of the text when nothing matches', () => {
    const text = `${'lead '.repeat(40)}the harbour master said${' tail'.repeat(40)}`;
    const snippet = snippetOf(text, ['HARBOUR']);
    expect(snippet).toMatch(/^….* the \[harbour\] master said .*…$/);
    expect(snippetOf('Short text, no match.', ['harbour'])).toBe('Short text, no match.');
    expect(snippetOf('A (regex) [chars] test', ['(regex)'])).toBe('A [(regex)] [chars] test');
  });
});
