import { statSync } from 'node:fs';
import { openDatabase } from '../store/database.js';
import { checkDatabase, getStats } from '../store/queries.js';
import { loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** `newsdedup stats`: feeds, articles, duplicates, clusters, database size, last run. */
export function statsCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  const db = openDatabase(config.database);
  try {
    const stats = getStats(db);
    // The WAL holds recent commits until a checkpoint: it is part of what the database costs on disk.
    const walBytes = fileSize(`${config.database}-wal`);
    const result = { ...stats, databaseBytes: stats.databaseBytes + walBytes, database: config.database };
    if (options.json) printJsonLine(result);
    else {
      const last = stats.lastRun;
      process.stdout.write(
        [
          `database   ${config.database} (${(result.databaseBytes / 1024 / 1024).toFixed(1)} MiB, schema v${stats.schemaVersion})`,
          `feeds      ${stats.feeds} (${stats.feedsFailing} failing, ${stats.feedsDisabled} disabled)`,
          `articles   ${stats.articles} (${stats.duplicates} copies of other articles)`,
          `clusters   ${stats.clusters} (${stats.multiOutletClusters} covered by 2+ outlets)`,
          `last run   ${last ? `${last.startedAt} ${last.status}: ${last.articlesNew} new articles, ${last.feedsFailed} feeds failed` : 'never'}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    db.close();
  }
}

/** `newsdedup db check`: integrity, foreign keys, full-text index, schema version. Exit 1 when anything is wrong. */
export function dbCheckCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  const db = openDatabase(config.database);
  try {
    const check = checkDatabase(db);
    if (options.json) printJsonLine(check);
    else {
      process.stdout.write(
        [
          `integrity_check    ${check.integrity.join('; ')}`,
          `foreign keys       ${check.foreignKeyViolations === 0 ? 'ok' : `${check.foreignKeyViolations} violations`}`,
          `full-text index    ${check.fullTextIndex}`,
          `schema version     ${check.schemaVersion}`,
          check.ok ? 'database ok' : 'database has problems',
        ].join('\n') + '\n',
      );
    }
    return check.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
