import { openDatabase } from '../store/database.js';
import { getCluster, listClusters, type ClusterDetail, type ClusterSummary } from '../store/cluster-queries.js';
import { durationOption, integerOption, loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** Flags of `newsdedup clusters`. */
export interface ClustersCommandOptions extends GlobalOptions {
  since?: string;
  minOutlets?: string;
  limit?: string;
  json?: boolean;
}

/** `newsdedup clusters`: the biggest recent event clusters. */
export function clustersCommand(options: ClustersCommandOptions): number {
  const config = loadConfig(options);
  const sinceMs = durationOption('--since', options.since);
  const db = openDatabase(config.database);
  try {
    const clusters = listClusters(db, {
      since: sinceMs === null ? null : new Date(Date.now() - sinceMs),
      minOutlets: integerOption('--min-outlets', options.minOutlets) ?? 1,
      limit: integerOption('--limit', options.limit) ?? 20,
    });
    if (options.json) clusters.forEach(printJsonLine);
    else process.stdout.write(clusters.length === 0 ? 'No clusters yet.\n' : clusters.map(formatClusterRow).join('\n'));
    return 0;
  } finally {
    db.close();
  }
}

/** `newsdedup cluster ID`: one cluster with its articles and the copies each stands for. */
export function clusterCommand(idText: string, options: GlobalOptions & { json?: boolean }): number {
  const id = integerOption('ID', idText);
  const config = loadConfig(options);
  const db = openDatabase(config.database);
  try {
    const cluster = id === null ? null : getCluster(db, id);
    if (!cluster) {
      process.stderr.write(`newsdedup: no cluster with id ${idText}\n`);
      return 1;
    }
    if (options.json) printJsonLine(cluster);
    else process.stdout.write(formatClusterDetail(cluster));
    return 0;
  } finally {
    db.close();
  }
}

/** A cluster as two or three readable lines. */
export function formatClusterRow(cluster: ClusterSummary): string {
  return (
    `#${cluster.id}  ${cluster.headline}\n` +
    `     ${cluster.articles} article${cluster.articles === 1 ? '' : 's'} · ${cluster.outlets} outlet${cluster.outlets === 1 ? '' : 's'}` +
    ` · first ${shortTime(cluster.firstSeenAt)} · last ${shortTime(cluster.lastUpdatedAt)}\n` +
    `     ${cluster.outletNames.join(', ')}\n`
  );
}

/** A cluster with one line per article, copies folded under the article they copy. */
export function formatClusterDetail(cluster: ClusterDetail): string {
  const lines = [formatClusterRow(cluster).trimEnd()];
  if (cluster.mergedFrom.length > 0) lines.push(`     merged from: ${cluster.mergedFrom.map((id) => `#${id}`).join(', ')}`);
  for (const member of cluster.members) {
    lines.push(`  - ${shortTime(member.publishedAt)}  [${member.outlet}] ${member.title}`);
    if (member.url) lines.push(`      ${member.url}`);
    for (const copy of member.copies) lines.push(`      = copy at [${copy.outlet}] ${copy.url ?? `article ${copy.id}`}`);
  }
  return `${lines.join('\n')}\n`;
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}
