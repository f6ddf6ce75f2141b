import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractInput } from '../../src/extract/extract-article.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/extract');
const cases = readdirSync(fixtures).filter((name) => existsSync(path.join(fixtures, name, 'source.html')));

function feedItemOf(dir: string): ExtractInput['feedItem'] {
  const file = path.join(dir, 'feed-item.json');
  if (!existsSync(file)) return undefined;
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${file}: not an object`);
  const field = (name: string): string | null => (name in raw ? String(Reflect.get(raw, name)) : null);
  return { title: field('title') ?? '', summary: field('summary'), contentHtml: field('contentHtml'), published: field('published') };
}

describe('golden pages (tests/fixtures/extract/<case>/)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', (name) => {
    const dir = path.join(fixtures, name);
    const expectedMetadata: unknown = JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8'));
    const url =
      typeof expectedMetadata === 'object' && expectedMetadata !== null && 'url' in expectedMetadata ? String(expectedMetadata.url) : '';
    const feedItem = feedItemOf(dir);
    const result = extractArticle({
      url,
      html: readFileSync(path.join(dir, 'source.html'), 'utf8'),
      ...(feedItem === undefined ? {} : { feedItem }),
    });
    if (!result.ok) throw result.error;
    const { text, html, ...metadata } = result.value;
    expect(text).toBe(readFileSync(path.join(dir, 'expected.txt'), 'utf8').trimEnd());
    expect(metadata).toEqual(expectedMetadata);
    expect(html ?? '').not.toMatch(/<script|onerror|javascript:/i);
  });
});
