/** The search page: FTS5 matches, best first, each with its snippet and its story. */
import type { SearchHit } from '../../store/search.js';
import { html, type SafeHtml } from '../html.js';
import { note, plural, renderPage, timeTag } from '../layout.js';

/** The whole search page; `query` null shows the empty form. */
export function searchPage(query: string | null, hits: readonly SearchHit[]): string {
  const body = html`<h1>Search</h1>
<form class="filters" role="search" method="get" action="/search">
<label>Words (all must appear)<input type="search" name="q" value="${query ?? ''}" required></label>
<button type="submit">Search</button>
</form>
${query === null ? note('Search titles and texts of every stored article.') : results(query, hits)}`;
  return renderPage({ title: query === null ? 'Search' : `Search: ${query}`, section: 'search', body, query: query ?? '' });
}

function results(query: string, hits: readonly SearchHit[]): SafeHtml {
  if (hits.length === 0) return note(`No article matches “${query}”.`);
  return html`<p class="summary">${plural(hits.length, 'match', 'matches')} for “${query}”, best first.</p>
<ol class="results">${hits.map(
    (hit) => html`<li><h2><a href="/articles/${hit.id}">${hit.title}</a></h2>
<p class="meta"><strong>${hit.outlet}</strong> · ${timeTag(hit.published)}${hit.cluster !== null ? html` · <a href="/stories/${hit.cluster}">story #${hit.cluster}</a>` : ''}</p>
<p class="snippet">${highlight(hit.snippet)}</p></li>`,
  )}</ol>`;
}

/** The snippet with FTS5's `[` `]` match markers as <mark>; everything else escaped. */
function highlight(snippet: string): SafeHtml[] {
  return snippet
    .replace(/\s+/g, ' ')
    .split(/(\[[^[\]]*\])/)
    .map((part) => (/^\[[^[\]]*\]$/.test(part) ? html`<mark>${part.slice(1, -1)}</mark>` : html`${part}`));
}
