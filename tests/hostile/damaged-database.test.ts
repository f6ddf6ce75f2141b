import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { serveFeed, writeFeedConfig } from './store-kit.js';

/**
 * [14] case 8: corruption is reported as such. `db check` on a file with a damaged page gives every check's result
 * and exit 1 (no stack); `run` on it exits 1 instead of counting an `internal_error` feed and exiting 0; a database
 * whose write lock another process holds is "busy" (exit 75), not "has problems".
 */
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>/</link>
<item><title>One</title><guid>one</guid><description>First item text.</description></item>
<item><title>Two</title><guid>two</guid><description>Second item text.</description></item></channel></rss>`;

/** Overwrites the root page of a table with garbage (the file must have no WAL left: the writer closed cleanly). */
function damageTable(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const root = db.prepare<[string], { rootpage: number }>(`SELECT rootpage FROM sqlite_schema WHERE name = ?`).get(table)?.rootpage ?? 0;
  db.close();
  expect(root).toBeGreaterThan(1);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
}

describe('a damaged or busy database', () => {
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(async () => {
    server = await serveFeed('application/rss+xml', FEED);
    tmp = tempDir();
    config = writeFeedConfig(tmp.dir, 'f', `${server.url}/feed`, 'busy_timeout: 200ms\n');
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ id: `a${i}`, title: `Article ${i}`, text: `Text of article ${i}. `.repeat(200) }),
    );
    writeFileSync(path.join(tmp.dir, 'articles.jsonl'), `${lines.join('\n')}\n`);
    for (const name of ['damaged.db', 'busy.db']) {
      const imported = await runCli(['import', path.join(tmp.dir, 'articles.jsonl'), '--db', path.join(tmp.dir, name), '--config', config]);
      expect(imported.code, imported.stderr).toBe(0);
    }
    damageTable(path.join(tmp.dir, 'damaged.db'), 'articles');
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('db check reports the damage with every check and exits 1, without a stack', async () => {
    const check = await runCli(['db', 'check', '--db', path.join(tmp.dir, 'damaged.db'), '--config', config]);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toMatch(
      /^integrity_check {4}.+\nforeign keys {7}.+\nfull-text index {4}.+\nschema version {5}\d+\ndatabase is damaged: /,
    );
    expect(check.stdout).not.toMatch(/^integrity_check {4}ok$/m);
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/\n\s+at /);
    const json = await runCli(['db', 'check', '--json', '--db', path.join(tmp.dir, 'damaged.db'), '--config', config]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'damaged', ok: false });
  });

  it('run exits 1 and says the database is damaged', async () => {
    const run = await runCli(['run', '--db', path.join(tmp.dir, 'damaged.db'), '--config', config]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/damaged|malformed/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('db check says "busy" (exit 75) while another process holds the write lock', async () => {
    const holder = new Database(path.join(tmp.dir, 'busy.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const check = await runCli(['db', 'check', '--db', path.join(tmp.dir, 'busy.db'), '--config', config]);
      expect(check.code, check.stderr).toBe(75);
      expect(check.stdout).toMatch(/^integrity_check {4}ok\n/);
      expect(check.stdout).toMatch(/database busy: another process holds the write lock/);
      expect(check.stdout).not.toMatch(/damaged|problems/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const healthy = await runCli(['db', 'check', '--db', path.join(tmp.dir, 'busy.db'), '--config', config]);
    expect(healthy.code, healthy.stdout).toBe(0);
  });
});
