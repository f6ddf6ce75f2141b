import { rmSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseConfig, type Config } from '../config/config.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { openDatabase } from '../store/database.js';
import { getCluster, listClusters } from '../store/cluster-queries.js';
import { formatClusterDetail } from './clusters-command.js';
import { loggerFor, type GlobalOptions } from './context.js';
import { runLocked } from './run-command.js';

/** `newsdedup demo`: serve the bundled demo corpus on 127.0.0.1, run the real pipeline on it, print the clusters. */
export async function demoCommand(options: GlobalOptions): Promise<number> {
  const database = path.resolve(options.db ?? 'storage/demo.db');
  // The demo always starts from an empty database, so what it prints is what this pipeline makes of the corpus.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  const server = await startDemoServer();
  try {
    const config = demoConfig(server, database);
    const logger = loggerFor({ quiet: !options.verbose, ...options });
    const summary = await runLocked(config, logger, { force: true });
    process.stdout.write(
      `Demo: ${server.feeds.length} outlets served from ${server.baseUrl}; ${summary.articlesNew} articles stored in ${path.relative(process.cwd(), database) || database}\n\n`,
    );
    printClusters(database);
    return 0;
  } finally {
    await server.close();
  }
}

/** The demo's configuration, validated by the same schema as feeds.yaml. Loopback is allowed on purpose. */
function demoConfig(server: DemoServer, database: string): Config {
  const yaml = stringify({
    database,
    allow_networks: ['127.0.0.1/32'],
    fetch: { per_host_gap: '1ms', per_host_concurrency: 4 },
    feeds: server.feeds.map((feed) => ({ name: feed.name, url: feed.url, outlet: feed.outlet })),
  });
  return parseConfig(yaml, path.join(path.dirname(database), 'demo.yaml'));
}

function printClusters(database: string): void {
  const db = openDatabase(database);
  try {
    const clusters = listClusters(db, { limit: 100 });
    const multi = clusters.filter((cluster) => cluster.articles > 1);
    const single = clusters.filter((cluster) => cluster.articles === 1);
    process.stdout.write(`Event clusters covered by more than one article (${multi.length}):\n\n`);
    for (const row of multi) {
      const detail = getCluster(db, row.id);
      if (detail) process.stdout.write(`${formatClusterDetail(detail)}\n`);
    }
    process.stdout.write(`Single-article stories (${single.length}):\n`);
    for (const row of single) process.stdout.write(`  #${row.id}  [${row.outletNames.join(', ')}] ${row.headline}\n`);
    process.stdout.write(
      `\nTry: sqlite3 ${path.relative(process.cwd(), database) || database} "SELECT * FROM cluster_summary"\nBrowse it: newsdedup serve --db ${path.relative(process.cwd(), database) || database}, then open http://127.0.0.1:8080\n`,
    );
  } finally {
    db.close();
  }
}
