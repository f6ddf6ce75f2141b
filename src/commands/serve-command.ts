import path from 'node:path';
import { ConfigError } from '../config/config.js';
import { isLoopbackAddress } from '../web/access.js';
import { ReadonlyStore } from '../web/readonly-store.js';
import { buildWebServer } from '../web/server.js';
import { EXIT, loadConfigOrDefault, loggerFor, type GlobalOptions } from './context.js';

/** Flags of `newsdedup serve`. */
export interface ServeCommandOptions extends GlobalOptions {
  /** Default 8080; 0 picks a free port. */
  port?: string;
  /** Default 127.0.0.1. Anything but loopback needs a token. */
  host?: string;
  /** Overrides `serve.auth_token` from feeds.yaml. */
  authToken?: string;
}

/**
 * `newsdedup serve`: the read-only web pages and JSON API over the database, until SIGINT or SIGTERM.
 * Refuses (exit 2) to listen on a non-loopback address without an access token.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const config = loadConfigOrDefault(options);
  const database = options.db ? path.resolve(options.db) : config.database;
  const host = options.host ?? '127.0.0.1';
  const port = portOption(options.port);
  const token = tokenOption(options.authToken) ?? config.serve.authToken;
  if (token === null && !isLoopbackAddress(host)) {
    throw usageError(
      '--host',
      `${host} is not a loopback address: refusing to serve it without --auth-token (or serve.auth_token in feeds.yaml)`,
    );
  }
  const logger = loggerFor(options);
  const store = new ReadonlyStore(database);
  const app = buildWebServer({ store, feeds: config.feeds, authToken: token, logger });
  let url: string;
  try {
    url = await app.listen({ host, port });
  } catch (error) {
    store.close();
    process.stderr.write(`newsdedup: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
  logger.info({ url, database, auth_token: token !== null }, 'serve_listening');
  process.stdout.write(
    `Serving ${path.relative(process.cwd(), database) || database} read-only at ${url}${token === null ? '' : ' (access token required)'}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  store.close();
  logger.info({}, 'serve_stopped');
  return EXIT.ok;
}

function portOption(value: string | undefined): number {
  if (value === undefined) return 8080;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw usageError('--port', `expected a port from 0 to 65535, got ${JSON.stringify(value)}`);
  return Number(value);
}

function tokenOption(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^\S{16,}$/.test(value))
    throw usageError('--auth-token', 'expected a token of at least 16 characters, no spaces (e.g. from `openssl rand -hex 24`)');
  return value;
}

function usageError(key: string, message: string): ConfigError {
  return new ConfigError('command line', [{ line: null, column: null, key, message }]);
}
