import { describe, expect, it } from 'vitest';
import { err, ok, PipelineError } from '../../src/model.js';
import { toFeedReport } from '../../src/parse/feed-report.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { FIXTURE_NOW, FIXTURE_URL, loadFixture } from '../helpers/parse-fixture.js';

describe('toFeedReport', () => {
  it('reports a parsed feed with its items and warnings, without an error key', async () => {
    const result = await parseFeed(loadFixture('bare-ampersand'), { baseUrl: FIXTURE_URL, now: FIXTURE_NOW });
    const report = toFeedReport('feeds/amp.xml', result);
    expect(Object.keys(report)).toEqual(['file', 'format', 'title', 'link', 'language', 'items', 'warnings']);
    expect(report).toMatchObject({ file: 'feeds/amp.xml', format: 'rss', title: 'Tom & Jerry', warnings: ["escaped 4 bare '&'"] });
    expect(report.items).toHaveLength(1);
  });

  it('reports a failure with the error code and message', () => {
    const failure = err(
      new PipelineError('parse', 'not_a_feed', 'unable to parse feed: root element <html> is not <rss>, <rdf:RDF> or <feed>'),
    );
    expect(toFeedReport('page.html', failure)).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "not_a_feed",
          "message": "parse: unable to parse feed: root element <html> is not <rss>, <rdf:RDF> or <feed>",
        },
        "file": "page.html",
        "format": null,
        "items": [],
        "language": null,
        "link": null,
        "title": null,
        "warnings": [],
      }
    `);
  });

  it('is JSON-serializable as one line', () => {
    const report = toFeedReport(
      'x.json',
      ok({
        format: 'json',
        title: 'T',
        link: null,
        language: null,
        items: [],
        ttlMinutes: null,
        warnings: [],
      }),
    );
    expect(JSON.stringify(report)).toBe(
      '{"file":"x.json","format":"json","title":"T","link":null,"language":null,"items":[],"warnings":[]}',
    );
  });
});
