import { existsSync, statSync } from 'node:fs';
import { PipelineError } from '../model.js';
import { openDatabase, type Database } from '../store/database.js';
import { checkDatabase, getStats, type DatabaseCheck } from '../store/stats.js';
import { EXIT, loadConfig, printJsonLine, type GlobalOptions } from './context.js';

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

/**
 * `newsdedup db check`: integrity, foreign keys, full-text index, schema version. Opens the database without
 * migrating it (a damaged file is looked at, not written). Exit 1 when anything is wrong, with every check's
 * result; 75 when a check could not run because another process holds the write lock.
 */
export function dbCheckCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  if (!existsSync(config.database)) {
    process.stderr.write(`newsdedup: no database at ${config.database}\n`);
    return EXIT.failure;
  }
  let db: Database;
  try {
    db = openDatabase(config.database, { migrate: false, busyTimeoutMs: config.busyTimeoutMs });
  } catch (error) {
    // Damaged where SQLite reads first (the schema): that is the report.
    if (!(error instanceof PipelineError && error.code === 'database_corrupt')) throw error;
    const message = error.cause instanceof Error ? error.cause.message : error.message;
    const check: DatabaseCheck = {
      status: 'damaged',
      ok: false,
      integrity: [message],
      foreignKeyViolations: null,
      fullTextIndex: 'not checked',
      schemaVersion: null,
    };
    return printCheck(check, config.database, options);
  }
  try {
    return printCheck(checkDatabase(db), config.database, options);
  } finally {
    db.close();
  }
}

function verdict(status: DatabaseCheck['status'], file: string): string {
  if (status === 'ok') return 'database ok';
  if (status === 'busy')
    return 'database busy: another process holds the write lock, so the full-text index was not checked; try again later';
  return `database is damaged: restore a backup, or copy what is readable with \`sqlite3 ${file} .recover\``;
}

function printCheck(check: DatabaseCheck, file: string, options: { json?: boolean }): number {
  if (options.json) printJsonLine(check);
  else {
    process.stdout.write(
      [
        `integrity_check    ${check.integrity.join('; ')}`,
        `foreign keys       ${check.foreignKeyViolations === null ? 'not checked' : check.foreignKeyViolations === 0 ? 'ok' : `${check.foreignKeyViolations} violations`}`,
        `full-text index    ${check.fullTextIndex}`,
        `schema version     ${check.schemaVersion ?? 'unknown'}`,
        verdict(check.status, file),
      ].join('\n') + '\n',
    );
  }
  return check.status === 'ok' ? EXIT.ok : check.status === 'busy' ? EXIT.locked : EXIT.failure;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
