import { closeSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';

/** What an output file is checked against before anything is written to it. */
export interface OutputPathCheck {
  /** The flag that named the file, for the message (`-o`, `--metrics-file`). */
  flag: string;
  file: string;
  /** The database of the command: neither it nor its companion files may be written over. */
  database: string;
  /** True when the first bytes of an existing file are what this command writes (a previous export, metrics). */
  looksOurs: (head: string) => boolean;
}

/** Files SQLite and newsdedup keep beside the database. */
const COMPANIONS = ['', '-wal', '-shm', '-journal', '.lock', '.lock-journal', '.lock.info'];

/** The first bytes of every SQLite file. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Refuses, with a {@link ConfigError} naming the flag (exit code 2), an output path that is the database or one of
 * its companion files (by name or by identity: a symlink or hard link to it), a folder that does not exist, or an
 * existing file that is not ours to replace: an SQLite file, or one that does not begin the way this command's
 * output does. Pipes and terminals (`/dev/stdout`) are fine. Nothing is written.
 */
export function checkOutputPath(check: OutputPathCheck): void {
  const target = path.resolve(check.file);
  const refuse = (message: string): never => {
    throw new ConfigError('command line', [{ line: null, column: null, key: check.flag, message: `${message}: ${target}` }]);
  };
  const database = path.resolve(check.database);
  if (COMPANIONS.some((suffix) => target === `${database}${suffix}`)) refuse('refusing to write over the database or its companion files');
  const folder = statOrNull(path.dirname(target));
  if (!folder?.isDirectory()) refuse('the folder does not exist');
  const existing = statOrNull(target);
  if (existing === null) return;
  if (
    COMPANIONS.some((suffix) => sameFile(existing, statOrNull(`${database}${suffix}`))) ||
    realpathOrNull(target) === realpathOrNull(database)
  ) {
    refuse('refusing to write over the database or its companion files (the path leads to it)');
  }
  if (existing.isFIFO() || existing.isCharacterDevice()) return;
  if (!existing.isFile()) refuse('not a regular file');
  if (existing.size === 0) return;
  const head = readHead(target);
  if (head.startsWith(SQLITE_MAGIC)) refuse('refusing to write over an SQLite database');
  if (!check.looksOurs(head)) refuse('the file exists and was not written by this command; remove it or choose another name');
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

function sameFile(a: Stats, b: Stats | null): boolean {
  return b !== null && a.dev === b.dev && a.ino === b.ino;
}

function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
