/** A real SQLite database in a temp dir with the near-duplicate index open on it, for the fingerprint tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { canonicalizeUrl } from '../../src/shared/canonical-url.js';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import type { ArticleInput, Fingerprint } from '../../src/model.js';
import { insertArticle } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/database.js';
import type { DuplicateIndexOptions, DuplicateMatch } from '../../src/fingerprint/find-duplicates.js';
import { openDuplicateIndex, type DuplicateIndex } from '../../src/pipeline/open-duplicate-index.js';

export interface Harness {
  db: Database.Database;
  index: DuplicateIndex;
  /** Inserts an article (first seen at `minute` minutes past a fixed epoch), fingerprints and indexes it. */
  ingest(key: string, text: string, options?: { url?: string; minute?: number }): { id: number; group: number; matches: DuplicateMatch[]; fp: Fingerprint };
  groupOf(id: number): number | null;
  close(): void;
}

/** Opens a fresh database file under the OS temp dir; `close()` removes it. */
export function openHarness(options: DuplicateIndexOptions = {}): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-fp-'));
  const db = openDatabase(path.join(dir, 'test.db'));
  const index = openDuplicateIndex(db, options);
  let clock = 0;
  const groupStatement = db.prepare<[number], { duplicate_group_id: number | null }>('SELECT duplicate_group_id FROM articles WHERE id = ?');
  return {
    db,
    index,
    ingest(key, text, opts = {}) {
      const fp = fingerprintText(text, options.params);
      const url = opts.url ?? null;
      const canonical = url === null ? null : canonicalizeUrl(url);
      const now = new Date(Date.UTC(2026, 0, 1) + (opts.minute ?? clock++) * 60_000);
      return db.transaction(() => {
        const id = insertArticle(db, articleInput(key, text, url, canonical), fp.textHash, now);
        const matches = index.findDuplicates(fp, canonical, id);
        const group = index.add(id, fp, canonical, matches);
        return { id, group, matches, fp };
      })();
    },
    groupOf: (id) => groupStatement.get(id)?.duplicate_group_id ?? null,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function articleInput(key: string, text: string, url: string | null, canonicalUrl: string | null): ArticleInput {
  return {
    feedName: null, source: 'test', itemKey: key, externalId: key, guid: null, url, canonicalUrl,
    title: key, text, html: null, byline: null, lang: null, publishedAt: null, modifiedAt: null, method: 'import', fallbackReason: null, itemHash: null,
  };
}
