/** The feeds page: every feed's health, as `newsdedup feeds` shows it. */
import { statusOf } from '../../store/feed-status.js';
import { html, outboundLink, type SafeHtml } from '../html.js';
import { note, plural, renderPage, timeTag } from '../layout.js';
import type { FeedRow } from '../load.js';

/** The whole feeds page. */
export function feedsPage(feeds: readonly FeedRow[]): string {
  const failing = feeds.filter((feed) => feed.errorCount > 0 || feed.disabledAt !== null).length;
  const body = html`<h1>Feeds</h1>
<p class="summary">${plural(feeds.length, 'feed')}, ${failing} failing or disabled.</p>
${feeds.length === 0 ? note('No feeds yet: list them in feeds.yaml and run `newsdedup run`.') : table(feeds)}`;
  return renderPage({ title: 'Feeds', section: 'feeds', body });
}

function table(feeds: readonly FeedRow[]): SafeHtml {
  return html`<div class="table-wrap"><table class="feeds">
<caption class="muted">Last fetch, HTTP status, items in the feed, articles stored, errors in a row, next check</caption>
<thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last fetch</th><th scope="col">HTTP</th><th scope="col">Items</th><th scope="col">Articles</th><th scope="col">Errors</th><th scope="col">Next check</th><th scope="col">Problem</th></tr></thead>
<tbody>${feeds.map(row)}</tbody>
</table></div>`;
}

function row(feed: FeedRow): SafeHtml {
  const status = statusOf(feed);
  const problem = feed.disabledReason ?? (feed.errorCount > 0 ? feed.lastError : null);
  return html`<tr>
<th scope="row">${outboundLink(feed.effectiveUrl, feed.name)}<br><span class="muted">${feed.outlet}${feed.configured ? '' : ' · not in feeds.yaml'}</span></th>
<td data-label="Status" class="status-${status.split(' ')[0] ?? ''}">${status}</td>
<td data-label="Last fetch">${timeTag(feed.lastFetchedAt)}</td>
<td data-label="HTTP">${feed.lastStatus ?? '–'}</td>
<td data-label="Items">${feed.itemsLastSeen ?? '–'}</td>
<td data-label="Articles">${feed.articles}</td>
<td data-label="Errors">${feed.errorCount}</td>
<td data-label="Next check">${feed.disabledAt ? 'disabled' : timeTag(feed.nextCheckAt)}</td>
<td data-label="Problem" class="wrap">${problem ?? ''}${feed.effectiveUrl !== feed.url ? html`<br><span class="muted">moved from ${feed.url}</span>` : ''}</td>
</tr>`;
}
