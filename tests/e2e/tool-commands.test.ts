import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

const fixture = (...parts: string[]) => path.join(REPO_ROOT, 'tests/fixtures', ...parts);

describe('newsdedup parse-feed', () => {
  it('prints one JSON line per file, errors inside the line, and exits 0 when every file could be read', async () => {
    const result = await runCli([
      'parse-feed',
      fixture('parse/rss-2.0/feed.xml'),
      fixture('parse/not-a-feed/feed.xml'),
      '--json',
      '--base-url',
      'https://example.org/feed',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [good, bad] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(good).toMatchObject({ file: fixture('parse/rss-2.0/feed.xml'), format: 'rss' });
    expect(Object.keys(good ?? {})).toEqual(expect.arrayContaining(['file', 'format', 'title', 'link', 'language', 'items', 'warnings']));
    expect((good?.['items'] as unknown[]).length).toBeGreaterThan(0);
    expect(bad?.['error']).toMatchObject({ message: expect.stringMatching(/^parse: unable to parse feed: /) });
  });

  it('exits 1 when a file cannot be read, after reporting the others', async () => {
    const result = await runCli(['parse-feed', fixture('parse/rss-2.0/feed.xml'), '/nonexistent/feed.xml', '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot read \/nonexistent\/feed\.xml/);
  });
});

describe('newsdedup extract', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer({
      '/story': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<html lang="en"><head><title>Dam opens | River Times</title></head><body><nav>Home</nav><article><h1>Dam opens</h1>` +
              `<p>${'The new dam on the Elm river opened on Friday after six years of work and two lawsuits. '.repeat(12)}</p></article></body></html>`,
          ),
    });
  });
  afterAll(async () => server?.close());

  it('extracts files and URLs through the pool, one JSON line each in input order', async () => {
    const article = fixture('extract/news-article/source.html');
    const result = await runCli(['extract', article, `${server.url}/story`, '--json'], {
      cwd: path.join(REPO_ROOT, 'tests/fixtures/extract'),
    });
    // Loopback is not on the allowlist of the default configuration: the URL is refused by the SSRF guard.
    expect(result.code).toBe(1);
    const [fromFile, fromUrl] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(fromFile).toMatchObject({ input: article, method: 'readability' });
    expect(String(fromFile?.['text']).length).toBeGreaterThan(200);
    expect(fromUrl).toMatchObject({ input: `${server.url}/story`, error: expect.stringMatching(/loopback/) });
  });

  it('fetches a URL when the configuration allows its network', async () => {
    const config = path.join(REPO_ROOT, 'tests/fixtures/config/allow-loopback.yaml');
    const result = await runCli(['extract', `${server.url}/story`, '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/title: Dam opens/);
    expect(result.stdout).toMatch(/The new dam on the Elm river opened on Friday/);
    expect(result.stdout).not.toMatch(/Home/);
  });
});
