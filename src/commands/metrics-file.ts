import { renameSync, writeFileSync } from 'node:fs';
import type { RunSummary } from '../model.js';
import { checkOutputPath } from './output-path.js';

/** What the metrics file reports besides the run's own counts. */
export interface RunMetrics {
  summary: RunSummary;
  /** Whether the run completed (exit code 0). */
  succeeded: boolean;
  /** Unix time of the last completed run, this one included. */
  lastSuccess: Date | null;
  finishedAt: Date;
}

/**
 * The run's figures in the Prometheus text exposition format, for node_exporter's textfile collector — the usual
 * way to watch a cron job (alert when `newsdedup_last_success_timestamp_seconds` grows old).
 */
export function formatMetrics(metrics: RunMetrics): string {
  const { summary } = metrics;
  const lines: string[] = [];
  const metric = (name: string, help: string, samples: Array<[string, number]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  metric('newsdedup_feeds', 'Feeds in the last run, by outcome.', [
    ['{outcome="fetched"}', summary.feedsFetched],
    ['{outcome="not_modified"}', summary.feedsNotModified],
    ['{outcome="failed"}', summary.feedsFailed],
    ['{outcome="skipped"}', summary.feedsSkipped],
  ]);
  metric('newsdedup_articles', 'Articles written by the last run, by kind.', [
    ['{kind="new"}', summary.articlesNew],
    ['{kind="updated"}', summary.articlesUpdated],
  ]);
  metric('newsdedup_duplicates', 'New articles of the last run that copied an earlier article.', [['', summary.duplicates]]);
  metric('newsdedup_clusters_touched', 'Event clusters the last run created or extended.', [['', summary.clustersTouched]]);
  metric('newsdedup_run_duration_seconds', 'Wall time of the last run.', [['', summary.seconds]]);
  metric('newsdedup_run_success', '1 when the last run completed, 0 when it failed.', [['', metrics.succeeded ? 1 : 0]]);
  metric('newsdedup_last_run_timestamp_seconds', 'When the last run ended (Unix time).', [['', unix(metrics.finishedAt)]]);
  if (metrics.lastSuccess) {
    metric('newsdedup_last_success_timestamp_seconds', 'When the last completed run ended (Unix time).', [['', unix(metrics.lastSuccess)]]);
  }
  return `${lines.join('\n')}\n`;
}

/** True when a file begins the way a metrics file of ours does: only such a file is replaced. */
export function isMetricsText(head: string): boolean {
  return head.startsWith('# HELP newsdedup_');
}

/** Refuses (exit 2) a metrics file that would write over the database or a file not ours, or sits in a missing folder. */
export function checkMetricsPath(file: string, database: string): void {
  checkOutputPath({ flag: '--metrics-file', file, database, looksOurs: isMetricsText });
}

/** Writes the metrics file atomically (temp file + rename), so the collector never reads half a file. */
export function writeMetricsFile(file: string, metrics: RunMetrics): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, formatMetrics(metrics));
  renameSync(temporary, file);
}

function unix(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
