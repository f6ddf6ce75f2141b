#!/usr/bin/env node
import { Command, Option } from 'commander';
import { clusterCommand, clustersCommand } from './commands/clusters-command.js';
import { EXIT, reportFatal } from './commands/context.js';
import { demoCommand } from './commands/demo-command.js';
import { feedsCommand } from './commands/feeds-command.js';
import { runCommand } from './commands/run-command.js';

/** Builds the command-line interface. Every command has help text, the global flags, and documented exit codes. */
export function buildProgram(): Command {
  const program = new Command('newsdedup')
    .description('Fetch news feeds, extract articles, fold duplicates and cluster events into SQLite.')
    .version('0.1.0')
    .addOption(new Option('--config <file>', 'feeds.yaml to use').default('feeds.yaml'))
    .option('--db <file>', 'SQLite database (overrides `database` in the config)')
    .option('-q, --quiet', 'only warnings, errors and the summary')
    .option('-v, --verbose', 'debug logging')
    .addHelpText(
      'after',
      `\nExit codes: ${EXIT.ok} ok (even when some feeds failed), ${EXIT.failure} unexpected failure, ` +
        `${EXIT.config} invalid configuration, ${EXIT.locked} another run holds the lock.`,
    )
    .showHelpAfterError();

  program
    .command('run')
    .description('one pass over the due feeds in feeds.yaml (cron-safe: locked, bounded, resumable)')
    .option('--force', 'fetch every feed, due or not')
    .option('--feed <name...>', 'only these feeds (repeatable)')
    .option('--dry-run', 'fetch and parse, write nothing')
    .option('--max-duration <duration>', 'start no new feed after this long, e.g. 8m')
    .action(async (_options, command: Command) => exitWith(await runCommand(command.optsWithGlobals())));

  program
    .command('clusters')
    .description('the biggest recent event clusters')
    .option('--since <duration>', 'only clusters updated within this long, e.g. 24h')
    .option('--min-outlets <n>', 'only clusters covered by at least n outlets')
    .option('--limit <n>', 'at most n clusters (default 20)')
    .option('--json', 'one JSON object per line')
    .action((_options, command: Command) => exitWith(clustersCommand(command.optsWithGlobals())));

  program
    .command('cluster')
    .description('one event cluster: its articles by time, with the copies each stands for')
    .argument('<id>', 'cluster id (a merged cluster forwards to the one it merged into)')
    .option('--json', 'as JSON')
    .action((id: string, _options, command: Command) => exitWith(clusterCommand(id, command.optsWithGlobals())));

  program
    .command('feeds')
    .description('every feed with its status: last fetch, HTTP status, items, errors, next check')
    .option('--json', 'one JSON object per line')
    .action((_options, command: Command) => exitWith(feedsCommand(command.optsWithGlobals())));

  program
    .command('demo')
    .description('serve the bundled demo corpus on 127.0.0.1, run the real pipeline on it, print the clusters')
    .action(async (_options, command: Command) => exitWith(await demoCommand(command.optsWithGlobals())));

  return program;
}

function exitWith(code: number): void {
  process.exitCode = code;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
