import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig, parseDuration, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { PipelineError } from '../model.js';
import { LockedError } from '../store/run-lock.js';

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
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigError(path.basename(file), [{ line: null, column: null, key: '(file)', message: `cannot read ${file}: ${reason}` }]);
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

/** Parses a command-line duration ("24h"); throws a ConfigError naming the flag. */
export function durationOption(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) {
    throw new ConfigError('command line', [{ line: null, column: null, key: flag, message: `expected a duration such as "24h" or "90m", got ${JSON.stringify(value)}` }]);
  }
  return ms;
}

/** Parses a positive integer flag; throws a ConfigError naming the flag. */
export function integerOption(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new ConfigError('command line', [{ line: null, column: null, key: flag, message: `expected a positive integer, got ${JSON.stringify(value)}` }]);
  }
  return Number(value);
}

/** Maps an error to its exit code and prints its message on stderr (one line per problem). */
export function reportFatal(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message.replace(/^config: /, 'newsdedup: invalid configuration: ')}\n`);
    return EXIT.config;
  }
  if (error instanceof LockedError) {
    process.stderr.write(`newsdedup: ${error.message.replace(/^run: /, '')}; exiting\n`);
    return EXIT.locked;
  }
  const message = error instanceof PipelineError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`newsdedup: ${message}\n`);
  return EXIT.failure;
}

/** Writes one JSON value per line on stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
