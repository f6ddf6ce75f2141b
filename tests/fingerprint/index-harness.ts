/** A real SQLite database in a temp dir with the near-duplicate index open on it, for the fingerprint tests. */
import type Database from 'better-sqlite3';
import { canonicalizeUrl } from '../../src/shared/canonical-url.js';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import type { Fingerprint } from '../../src/model.js';
import { insertArticle } from '../../src/store/articles.js';
import type { DuplicateIndexOptions, DuplicateMatch } from '../../src/fingerprint/find-duplicates.js';
import { openDuplicateIndex, type DuplicateIndex } from '../../src/pipeline/open-duplicate-index.js';
import { articleInput } from '../helpers/article-input.js';
import { openTempDatabase } from '../helpers/temp-db.js';

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
  const store = openTempDatabase({ prefix: 'newsdedup-fp-', name: 'test.db' });
  const db = store.db;
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
        const id = insertArticle(db, articleInput(key, { externalId: key, url, canonicalUrl: canonical, text }), fp.textHash, now);
        const matches = index.findDuplicates(fp, canonical, id);
        const group = index.add(id, fp, canonical, matches);
        return { id, group, matches, fp };
      })();
    },
    groupOf: (id) => groupStatement.get(id)?.duplicate_group_id ?? null,
    close: () => store.close(),
  };
}
