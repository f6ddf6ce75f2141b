import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../src/store/database.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { digest, writeConfig } from './store-kit.js';

/**
 * [14] case 3: another program's SQLite file is never altered. It is recognised as not ours (no newsdedup
 * `application_id`, no `newsdedup_meta`) and refused with exit 2 before any write: the file is byte-identical and
 * no lock file appears beside it. A new or empty file gets the schema and the mark.
 */
describe("a database that is not newsdedup's", () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let foreign: string;
  let text: string;

  beforeAll(() => {
    tmp = tempDir();
    config = writeConfig(tmp.dir);
    foreign = path.join(tmp.dir, 'other.db');
    const other = new Database(foreign);
    other.exec(`CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT, body TEXT);
      INSERT INTO articles (headline, body) VALUES ('theirs', 'their text');`);
    other.close();
    text = path.join(tmp.dir, 'notes.db');
    writeFileSync(text, 'plain text, not SQLite at all\n'.repeat(100));
    writeFileSync(path.join(tmp.dir, 'articles.jsonl'), '{"id": "1", "title": "A title", "text": "Some text of the article."}\n');
  });
  afterAll(() => tmp?.cleanup());

  const commands = [
    ['run'],
    ['watch'],
    ['stats'],
    ['prune', '--older-than', '1d'],
    ['search', 'theirs'],
    ['export'],
    ['db', 'check'],
    ['reindex'],
    ['import', 'articles.jsonl'],
  ];

  it.each(commands)('%s on it exits 2 with the reason, the file byte-identical and nothing created beside it', async (...command) => {
    for (const file of [foreign, text]) {
      const before = digest(file);
      const args = command.map((arg) => (arg.endsWith('.jsonl') ? path.join(tmp.dir, arg) : arg));
      const result = await runCli([...args, '--db', file, '--config', config]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        /is not a newsdedup database \((it has 1 schema objects and no newsdedup mark|not an SQLite file)\); refusing to touch it/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(digest(file)).toBe(before);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual(['articles.jsonl', 'feeds.yaml', 'notes.db', 'other.db']);
  });

  it('an empty file becomes a newsdedup database, marked', async () => {
    const empty = path.join(tmp.dir, 'empty', 'news.db');
    const fresh = path.join(tmp.dir, 'empty', 'zero.db');
    for (const file of [empty, fresh]) {
      if (file === fresh) writeFileSync(fresh, '');
      const result = await runCli(['run', '--db', file, '--config', config]);
      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(file)).toBe(true);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      db.close();
    }
  });
});
