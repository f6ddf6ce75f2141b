import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../src/pipeline/article-validation.js';
import { openReadonly } from '../helpers/news-db.js';
import { runCli, tempDir } from '../helpers/cli.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { serveFeed, writeFeedConfig } from './store-kit.js';

/**
 * [14] case 4: every text field reaches the store as valid UTF-8 without control characters, whichever path it came
 * by. Lone surrogates and NUL bytes arrive through a JSON Feed and through an import line; the stored bytes are then
 * read back through another decoder (WHATWG TextDecoder, fatal on invalid UTF-8), not through SQLite's.
 */
const DIRTY = 'Lone \uD800 high, lone \uDC00 low, NUL \u0000 here, escape \u001B[31mred\u001B[0m, bell \u0007';

/** Every non-null TEXT value of every table, as the raw bytes SQLite holds. */
function storedTexts(file: string): Array<{ where: string; bytes: Buffer }> {
  const db = openReadonly(file);
  try {
    const out: Array<{ where: string; bytes: Buffer }> = [];
    for (const table of ['articles', 'feeds', 'runs', 'clusters']) {
      const columns = db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((row) => row.name);
      const select = columns.map((name) => `CASE WHEN typeof("${name}") = 'text' THEN CAST("${name}" AS BLOB) END AS "${name}"`).join(', ');
      for (const row of db.prepare<[], Record<string, Buffer | null>>(`SELECT ${select} FROM ${table}`).all()) {
        for (const [name, bytes] of Object.entries(row)) if (bytes) out.push({ where: `${table}.${name}`, bytes });
      }
    }
    return out;
  } finally {
    db.close();
  }
}

describe('text that is not valid UTF-8 or holds control characters', () => {
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(async () => {
    // JSON.stringify writes lone surrogates as \ud800 escapes: JSON.parse on the other side makes them lone again.
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: `Feed ${DIRTY}`,
      items: [1, 2].map((n) => ({
        id: `item-${n}-${DIRTY}`,
        title: `Title ${n} ${DIRTY}`,
        content_text: `Body ${n}.\n${DIRTY}`,
        authors: [{ name: `Author ${DIRTY}` }],
      })),
    });
    server = await serveFeed('application/feed+json', feed);
    tmp = tempDir();
    config = writeFeedConfig(tmp.dir, 'dirty', `${server.url}/feed`);
    const line = JSON.stringify({
      id: `import-${DIRTY}`,
      title: `Imported ${DIRTY}`,
      source: `Source ${DIRTY}`,
      text: `Imported text.\n${DIRTY}`,
      lang: 'en',
    });
    writeFileSync(path.join(tmp.dir, 'dirty.jsonl'), `${line}\n`);
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('is stored as valid UTF-8 without controls (tab and newline kept in texts), from a feed and from an import', async () => {
    const run = await runCli(['run', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const imported = await runCli(['import', path.join(tmp.dir, 'dirty.jsonl'), '--config', config]);
    expect(imported.code, imported.stderr).toBe(0);

    const texts = storedTexts(path.join(tmp.dir, 'news.db'));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decoded = texts.map(({ where, bytes }) => ({ where, text: decoder.decode(bytes) }));
    expect(decoded.filter(({ text }) => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(text)).map(({ where }) => where)).toEqual([]);
    const titles = decoded
      .filter(({ where }) => where === 'articles.title')
      .map(({ text }) => text)
      .sort();
    expect(titles).toEqual([`Imported ${cleanLine(DIRTY)}`, `Title 1 ${cleanLine(DIRTY)}`, `Title 2 ${cleanLine(DIRTY)}`]);
    expect(titles[0]).toBe('Imported Lone \uFFFD high, lone \uFFFD low, NUL here, escape red, bell');
    expect(decoded.filter(({ where, text }) => where === 'articles.source' && text.startsWith('Source')).map(({ text }) => text)).toEqual([
      `Source ${cleanLine(DIRTY)}`,
    ]);
  });

  it('cleanText keeps what a text may hold and is idempotent', () => {
    expect(cleanText('a\tb\r\nc\rd\u0000e\uD83D\uDE00')).toBe('a\tb\nc\nde\uD83D\uDE00');
    expect(cleanText(cleanText(DIRTY))).toBe(cleanText(DIRTY));
  });
});
