/** The rows of `newsdedup export`. */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** One exported article. */
export interface ExportRow {
  id: number;
  external_id: string | null;
  url: string | null;
  source: string;
  title: string;
  published: string;
  lang: string | null;
  duplicate_group: number | null;
  cluster: number | null;
  version: number;
  text?: string;
}

/** Every article in id order, streamed from SQLite one row at a time. */
export function iterateExportRows(db: Db, withText: boolean): IterableIterator<ExportRow> {
  return db
    .prepare<[], ExportRow>(
      `SELECT id, external_id, url, source, title, coalesce(published_at, first_seen_at) AS published, lang,
         duplicate_group_id AS duplicate_group, cluster_id AS cluster, version${withText ? ', text' : ''}
       FROM articles ORDER BY id`,
    )
    .iterate();
}
