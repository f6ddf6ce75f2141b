#!/usr/bin/env node
import { VERSION } from './shared/version.js';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, reportFatal } from './commands/context.js';

// Commands are imported when they run: cron start-up pays only for the command it asked for.

/** Builds the command-line interface. Every command has help text, the global flags, and documented exit codes. */
export function buildProgram(): Command {
  const program = new Command('newsdedup')
    .description('Fetch news feeds, extract articles, fold duplicates and cluster events into SQLite.')
    .version(VERSION)
    .option('--config <file>', 'configuration file (default: ./feeds.yaml)')
    .option('--db <file>', 'SQLite database (overrides `database` in the config)')
    .option('-q, --quiet', 'only warnings, errors and the summary')
    .option('-v, --verbose', 'debug logging')
    .addHelpText(
      'after',
      `\nExit codes: ${EXIT.ok} ok (even when some feeds failed), ${EXIT.failure} unexpected failure, ` +
        `${EXIT.config} invalid configuration, ${EXIT.locked} another run holds the lock.`,
    )
    .showHelpAfterError()
    // Usage errors (an unknown flag, a missing argument) exit 2 like every other invalid input, not commander's 1.
    .exitOverride();

  program
    .command('run')
    .description('one pass over the due feeds in feeds.yaml (cron-safe: locked, bounded, resumable)')
    .option('--force', 'fetch every feed, due or not')
    .option('--feed <name...>', 'only these feeds (repeatable)')
    .option('--dry-run', 'fetch and parse, write nothing')
    .option('--max-duration <duration>', 'start no new feed after this long, e.g. 8m')
    .option('--metrics-file <file>', "write the run's figures in the Prometheus text format (node_exporter textfile collector)")
    .action(async (_options, command: Command) =>
      exitWith(await (await import('./commands/run-command.js')).runCommand(command.optsWithGlobals())),
    );

  program
    .command('watch')
    .description('run passes on the `schedule` from feeds.yaml (cron syntax) until stopped; never overlaps itself')
    .option('--metrics-file <file>', "write each run's figures in the Prometheus text format")
    .action(async (_options, command: Command) =>
      exitWith(await (await import('./commands/watch-command.js')).watchCommand(command.optsWithGlobals())),
    );

  program
    .command('clusters')
    .description('the biggest recent event clusters')
    .option('--since <duration>', 'only clusters updated within this long, e.g. 24h')
    .option('--min-outlets <n>', 'only clusters covered by at least n outlets')
    .option('--limit <n>', 'at most n clusters (default 20)')
    .option('--json', 'one JSON object per line')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/clusters-command.js')).clustersCommand(command.optsWithGlobals())),
    );

  program
    .command('cluster')
    .description('one event cluster: its articles by time, with the copies each stands for')
    .argument('<id>', 'cluster id (a merged cluster forwards to the one it merged into)')
    .option('--json', 'as JSON')
    .action(async (id: string, _options, command: Command) =>
      exitWith((await import('./commands/clusters-command.js')).clusterCommand(id, command.optsWithGlobals())),
    );

  const feeds = program
    .command('feeds')
    .description('every feed with its status: last fetch, HTTP status, items, errors, next check')
    .option('--json', 'one JSON object per line')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/feeds-command.js')).feedsCommand(command.optsWithGlobals())),
    );

  feeds
    .command('check')
    .description('validate feeds.yaml and fetch and parse each feed once, storing nothing (exit 1 if any feed fails)')
    .option('--json', 'one JSON object per feed')
    .action(async (_options, command: Command) =>
      exitWith(await (await import('./commands/feeds-edit-commands.js')).feedsCheckCommand(command.optsWithGlobals())),
    );

  feeds
    .command('add')
    .description('find the feed of a site or page (its <link rel="alternate"> or a common path) and append it to feeds.yaml')
    .argument('<url>', 'a feed URL, or a page that links to its feed')
    .option('--name <name>', 'feed name (default: from the host)')
    .option('--outlet <outlet>', 'outlet name (default: the feed title)')
    .option('--tags <tag...>', 'tags')
    .action(async (url: string, _options, command: Command) =>
      exitWith(await (await import('./commands/feeds-edit-commands.js')).feedsAddCommand(url, command.optsWithGlobals())),
    );

  feeds
    .command('import-opml')
    .description('append the feeds of an OPML subscription list to feeds.yaml (comments kept, duplicates skipped)')
    .argument('<file>', 'OPML file')
    .action(async (file: string, _options, command: Command) =>
      exitWith((await import('./commands/feeds-edit-commands.js')).feedsImportOpmlCommand(file, command.optsWithGlobals())),
    );

  feeds
    .command('export-opml')
    .description('print the configured feeds as OPML 2.0')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/feeds-edit-commands.js')).feedsExportOpmlCommand(command.optsWithGlobals())),
    );

  program
    .command('demo')
    .description('serve the bundled demo corpus on 127.0.0.1, run the real pipeline on it, print the clusters')
    .action(async (_options, command: Command) =>
      exitWith(await (await import('./commands/demo-command.js')).demoCommand(command.optsWithGlobals())),
    );

  program
    .command('parse-feed')
    .description('parse feed files with the same decoder and parser as `run` (exit 1 only if a file cannot be read)')
    .argument('<file...>', 'RSS, RDF, Atom or JSON Feed files')
    .option('--base-url <url>', 'URL the feed came from, for resolving relative links')
    .option('--json', 'one JSON line per file: {file, format, title, link, language, items, warnings, error?}')
    .action(async (files: string[], _options, command: Command) =>
      exitWith(await (await import('./commands/parse-feed-command.js')).parseFeedCommand(files, command.optsWithGlobals())),
    );

  program
    .command('extract')
    .description('extract articles from HTML files or URLs with the same worker pool as `run`')
    .argument('<input...>', 'HTML files or http(s) URLs')
    .option('--base-url <url>', 'URL a file was served from, for links and metadata')
    .option(
      '--json',
      'one JSON line per input: {input, url, title, text, byline, siteName, lang, publishedAt, modifiedAt, canonicalUrl, method, error?}',
    )
    .action(async (inputs: string[], _options, command: Command) => {
      const options = command.optsWithGlobals();
      const { loadConfigOrDefault } = await import('./commands/context.js');
      const { extractCommand } = await import('./commands/extract-command.js');
      exitWith(await extractCommand(inputs, options, loadConfigOrDefault(options)));
    });

  program
    .command('import')
    .description('ingest archived articles from a JSON-lines file through the same fingerprint/cluster/store path as `run`')
    .argument('<file>', 'one {id, url, title, text | html, published, source, lang} object per line')
    .action(async (file: string, _options, command: Command) => {
      const options = command.optsWithGlobals();
      const { loadConfig, loggerFor } = await import('./commands/context.js');
      const { importArticles } = await import('./commands/import-command.js');
      const logger = loggerFor(options);
      const summary = await importArticles(file, loadConfig(options), logger);
      const fields = Object.fromEntries(
        Object.entries(summary).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
      );
      logger.summary(fields, 'import_summary');
    });

  program
    .command('export')
    .description('write every article with its outlet, duplicate group and event cluster')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--with-text', 'include the article text')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals();
      const { loadConfig } = await import('./commands/context.js');
      const { exportArticles } = await import('./commands/export-command.js');
      await exportArticles(loadConfig(options), options);
    });

  program
    .command('search')
    .description('full-text search over article titles and texts, best matches first')
    .argument('<query...>', 'words that must all appear')
    .option('--since <duration>', 'only articles published within this long, e.g. 7d')
    .option('--limit <n>', 'at most n results (default 20)')
    .option('--json', 'one JSON object per line')
    .action(async (words: string[], _options, command: Command) =>
      exitWith((await import('./commands/search-command.js')).searchCommand(words.join(' '), command.optsWithGlobals())),
    );

  program
    .command('stats')
    .description('feeds, articles, duplicates, clusters, database size and the last run')
    .option('--json', 'as JSON')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/stats-command.js')).statsCommand(command.optsWithGlobals())),
    );

  program
    .command('serve')
    .description('read-only web pages and JSON API over the database: stories, one story, search, feeds, stats (127.0.0.1 by default)')
    .option('--port <port>', 'port to listen on (default 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; anything else needs an access token)')
    .option(
      '--auth-token <token>',
      'require this token (Authorization: Bearer, or ?token= once in a browser); default: serve.auth_token in feeds.yaml',
    )
    .action(async (_options, command: Command) =>
      exitWith(await (await import('./commands/serve-command.js')).serveCommand(command.optsWithGlobals())),
    );

  program
    .command('prune')
    .description('remove articles older than a duration, and the clusters they leave empty; tombstones keep them out')
    .requiredOption('--older-than <duration>', 'e.g. 90d')
    .option('--dry-run', 'count what would be removed, remove nothing')
    .option('--json', 'as JSON')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/prune-command.js')).pruneCommand(command.optsWithGlobals())),
    );

  program
    .command('reindex')
    .description('rewrite the near-duplicate index of stored articles after the dedup settings changed (a run warns when needed)')
    .option('--json', 'as JSON')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/reindex-command.js')).reindexCommand(command.optsWithGlobals())),
    );

  program
    .command('recluster')
    .description(
      'rebuild every event cluster of the stored articles with the current method (resumable, under the run lock; cluster ids change)',
    )
    .option('--json', 'as JSON')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/recluster-command.js')).reclusterCommand(command.optsWithGlobals())),
    );

  program
    .command('db')
    .description('database maintenance')
    .command('check')
    .description('integrity check, foreign keys, full-text index and schema version (exit 1 when anything is wrong)')
    .option('--json', 'as JSON')
    .action(async (_options, command: Command) =>
      exitWith((await import('./commands/stats-command.js')).dbCheckCommand(command.optsWithGlobals())),
    );

  return program;
}

function exitWith(code: number): void {
  process.exitCode = code;
}

// `newsdedup export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander printed its own message (or the help); only the exit code is left to set.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.config;
  else process.exitCode = reportFatal(error, program.opts<{ verbose?: boolean }>().verbose === true || process.argv.includes('--verbose'));
}
