import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, MAX_DURATION_MS, parseConfig, parseDuration, type Config } from '../config/config.js';
import { createLogger, type Logger } from '../shared/log.js';
import { PipelineError } from '../model.js';
import { ForeignDatabaseError, sqliteCode } from '../store/database.js';
import { LockedError } from '../store/run-lock.js';
import { formatBytes, readFileCappedSync } from './read-capped.js';

/** Largest feeds.yaml read: thousands of feeds fit in a few hundred KB; `--config /dev/zero` must not fill memory. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Largest value of a count flag (`--limit`, `--min-outlets`): more rows than any terminal or pipe wants. */
export const MAX_COUNT_OPTION = 1_000_000;

/** Documented exit codes. */
export const EXIT = {
  ok: 0,
  /** Something unexpected broke the command (a bug, an unwritable database). */
  failure: 1,
  /** feeds.yaml (or a command-line value) is invalid. */
  config: 2,
  /** Another run holds the database lock (EX_TEMPFAIL: try again later). */
  locked: 75,
} as const;

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  db?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** Reads and validates the configuration; `--db` overrides its database path. */
export function loadConfig(options: GlobalOptions): Config {
  const file = path.resolve(options.config ?? 'feeds.yaml');
  let text: string;
  try {
    text = readFileCappedSync(file, MAX_CONFIG_BYTES, 'config').toString('utf8');
  } catch (error) {
    const message =
      error instanceof PipelineError && error.code === 'too_large'
        ? `cannot read ${file}: larger than ${formatBytes(MAX_CONFIG_BYTES)}`
        : error instanceof Error
          ? error.message.replace(/^config: /, '')
          : String(error);
    throw new ConfigError(path.basename(file), [{ line: null, column: null, key: '(file)', message }]);
  }
  const config = parseConfig(text, file);
  return options.db ? { ...config, database: path.resolve(options.db) } : config;
}

/**
 * The configuration when feeds.yaml exists, else the built-in defaults (for tools such as `extract` that need
 * settings but no feeds). An invalid feeds.yaml is still an error.
 */
export function loadConfigOrDefault(options: GlobalOptions): Config {
  const file = path.resolve(options.config ?? 'feeds.yaml');
  if (options.config === undefined && !existsSync(file)) return parseConfig('feeds: []\n', file);
  return loadConfig(options);
}

/** The logger for a command, from `--quiet` / `--verbose`. */
export function loggerFor(options: GlobalOptions): Logger {
  return createLogger({ verbosity: options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal' });
}

/** Parses a command-line duration ("24h", at most 36500d); throws a ConfigError naming the flag. */
export function durationOption(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw optionError(flag, `expected a duration such as "24h" or "90m", got ${JSON.stringify(value)}`);
  if (ms > MAX_DURATION_MS)
    throw optionError(flag, `expected a duration of at most ${MAX_DURATION_MS / 86_400_000}d, got ${JSON.stringify(value)}`);
  return ms;
}

/** Parses a positive integer flag (at most `max`, default {@link MAX_COUNT_OPTION}); throws a ConfigError naming the flag. */
export function integerOption(flag: string, value: string | undefined, max: number = MAX_COUNT_OPTION): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw optionError(flag, `expected a positive integer, got ${JSON.stringify(value)}`);
  if (Number(value) > max) throw optionError(flag, `expected a positive integer of at most ${max}, got ${JSON.stringify(value)}`);
  return Number(value);
}

function optionError(flag: string, message: string): ConfigError {
  return new ConfigError('command line', [{ line: null, column: null, key: flag, message }]);
}

/**
 * Maps an error to its exit code and prints its message on stderr (one line per problem). A stack trace only with
 * `verbose`: SQLite's errors (a read-only or full disk, a damaged file) are said with their code, not their stack.
 */
export function reportFatal(error: unknown, verbose = false): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message.replace(/^config: /, 'newsdedup: invalid configuration: ')}\n`);
    return EXIT.config;
  }
  if (error instanceof LockedError) {
    process.stderr.write(`newsdedup: ${error.message.replace(/^run: /, '')}; exiting\n`);
    return EXIT.locked;
  }
  const stack = verbose && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof ForeignDatabaseError) {
    process.stderr.write(`newsdedup: ${error.message}${stack}\n`);
    return EXIT.config;
  }
  const code = sqliteCode(error);
  const message =
    error instanceof PipelineError
      ? error.message
      : error instanceof Error
        ? code === null
          ? error.message
          : `store: ${error.message} (${code})`
        : String(error);
  const hint = stack === '' && !(error instanceof PipelineError) && code === null ? ' (--verbose shows where)' : '';
  process.stderr.write(`newsdedup: ${message}${hint}${stack}\n`);
  return EXIT.failure;
}

/** Writes one JSON value per line on stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
