/** The stats page: the database at a glance, as `newsdedup stats` shows it. */
import type { Stats } from '../../store/stats.js';
import { html } from '../html.js';
import { plural, renderPage, timeTag } from '../layout.js';

/** The whole stats page. */
export function statsPage(stats: Stats): string {
  const last = stats.lastRun;
  const facts: Array<[string, ReturnType<typeof html> | string]> = [
    ['Feeds', `${stats.feeds} (${stats.feedsFailing} failing, ${stats.feedsDisabled} disabled)`],
    ['Articles', `${stats.articles} (${plural(stats.duplicates, 'copy', 'copies')} of other articles)`],
    ['Stories', `${stats.clusters} (${stats.multiOutletClusters} covered by 2 or more outlets)`],
    ['Database', `${(stats.databaseBytes / 1024 / 1024).toFixed(1)} MiB, schema version ${stats.schemaVersion}`],
    [
      'Last run',
      last ? html`${timeTag(last.startedAt)} ${last.status}: ${last.articlesNew} new articles, ${last.feedsFailed} feeds failed` : 'never',
    ],
  ];
  const body = html`<h1>Stats</h1>
<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
<p class="meta"><a href="/api/stats">As JSON</a></p>`;
  return renderPage({ title: 'Stats', section: 'stats', body });
}
