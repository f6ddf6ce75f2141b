import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ForeignDatabaseError } from '../../src/store/database.js';
import { acquireRunLock, LockedError, type RunLock } from '../../src/store/run-lock.js';
import { tempDir } from '../helpers/cli.js';

const STARTED = new Date('2026-11-24T10:00:00.000Z');

describe('store/run-lock', () => {
  let tmp: ReturnType<typeof tempDir>;
  const held: RunLock[] = [];
  const dbFile = () => path.join(tmp.dir, 'news.db');
  const acquire = (file = dbFile(), now = STARTED): RunLock => {
    const lock = acquireRunLock(file, now);
    held.push(lock);
    return lock;
  };
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    tmp?.cleanup();
  });

  it('a second run on the same database fails at once, naming the holder; after release it gets the lock', () => {
    tmp = tempDir();
    const first = acquire();
    expect(first.file).toBe(`${dbFile()}.lock`);
    expect(readFileSync(`${first.file}.info`, 'utf8')).toBe(`pid ${process.pid}, started ${STARTED.toISOString()}`);
    let refused: unknown = null;
    try {
      acquire();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(LockedError);
    expect(refused).toMatchObject({ code: 'locked', disposition: 'fatal', holder: `pid ${process.pid}, started ${STARTED.toISOString()}` });
    first.release();
    expect(existsSync(`${first.file}.info`)).toBe(false);
    expect(() => acquire()).not.toThrow();
  });

  it('the lock is held by SQLite, not by the info file: a leftover info file does not block, a missing one still locks', () => {
    tmp = tempDir();
    writeFileSync(`${dbFile()}.lock.info`, 'pid 1, started long ago');
    const first = acquire();
    writeFileSync(`${first.file}.info`, '');
    expect(() => acquire()).toThrow(expect.objectContaining({ name: 'LockedError', holder: null }));
  });

  it('another connection cannot write the lock file while the lock is held', () => {
    tmp = tempDir();
    const lock = acquire();
    const other = new Database(lock.file, { timeout: 0 });
    try {
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      lock.release();
      expect(() => other.exec('BEGIN IMMEDIATE; ROLLBACK')).not.toThrow();
    } finally {
      other.close();
    }
  });

  it('locks two databases independently, and creates the lock\'s folder', () => {
    tmp = tempDir();
    acquire();
    expect(() => acquire(path.join(tmp.dir, 'nested', 'other.db'))).not.toThrow();
    expect(existsSync(path.join(tmp.dir, 'nested', 'other.db.lock'))).toBe(true);
  });

  it('release is idempotent', () => {
    tmp = tempDir();
    const lock = acquire();
    lock.release();
    expect(() => lock.release()).not.toThrow();
  });

  it('refuses another program\'s database without creating a lock file beside it', () => {
    tmp = tempDir();
    const foreign = new Database(dbFile());
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    expect(() => acquire()).toThrow(ForeignDatabaseError);
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
  });
});
