import type { DemoArticle } from './demo-corpus.js';
import type { DemoOutlet } from './corpus/outlets.js';
import { escapeMarkup } from '../shared/escape-markup.js';

/** Renders an outlet's feed (RSS 2.0 or Atom 1.0 as the outlet publishes) listing its articles, newest first. */
export function renderFeed(outlet: DemoOutlet, articles: readonly DemoArticle[], baseUrl: string): string {
  const newestFirst = [...articles].sort((a, b) => b.story.publishedAt.localeCompare(a.story.publishedAt));
  return outlet.feedFormat === 'rss' ? renderRss(outlet, newestFirst, baseUrl) : renderAtom(outlet, newestFirst, baseUrl);
}

/** The newest modification among the articles, ISO 8601 UTC; the feed's Last-Modified and Atom <updated>. */
export function lastUpdated(articles: readonly DemoArticle[]): string {
  return articles.map(updatedAt).reduce((newest, time) => (time > newest ? time : newest), '1970-01-01T00:00:00Z');
}

function updatedAt(article: DemoArticle): string {
  return article.story.updatedAt ?? article.story.publishedAt;
}

function renderRss(outlet: DemoOutlet, articles: readonly DemoArticle[], baseUrl: string): string {
  const items = articles.map((article) => rssItem(outlet, article, baseUrl)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeMarkup(outlet.name)}</title>
    <link>${baseUrl}/${outlet.id}/</link>
    <atom:link href="${baseUrl}${outlet.feedPath}" rel="self" type="application/rss+xml"/>
    <description>${escapeMarkup(outlet.tagline)}</description>
    <language>en</language>
    <lastBuildDate>${rfc822(lastUpdated(articles), outlet)}</lastBuildDate>
    <ttl>30</ttl>
${items}
  </channel>
</rss>
`;
}

function rssItem(outlet: DemoOutlet, article: DemoArticle, baseUrl: string): string {
  const { story } = article;
  const url = `${baseUrl}${article.path}`;
  // Real feeds differ here: some use the permalink as guid, others an opaque CMS id.
  const guid =
    outlet.id === 'northgate-courier'
      ? `<guid isPermaLink="false">${outlet.id}:article:${story.slug}</guid>`
      : `<guid isPermaLink="true">${url}</guid>`;
  return `    <item>
      <title>${escapeMarkup(story.headline)}</title>
      <link>${url}</link>
      ${guid}
      <pubDate>${rfc822(story.publishedAt, outlet)}</pubDate>
      <dc:creator>${escapeMarkup(story.byline)}</dc:creator>
      <category>${escapeMarkup(story.section)}</category>
      <description>${escapeMarkup(story.summary)}</description>
    </item>`;
}

function renderAtom(outlet: DemoOutlet, articles: readonly DemoArticle[], baseUrl: string): string {
  const entries = articles.map((article) => atomEntry(outlet, article, baseUrl)).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:${outlet.id}.example,2026:feed</id>
  <title>${escapeMarkup(outlet.name)}</title>
  <subtitle>${escapeMarkup(outlet.tagline)}</subtitle>
  <updated>${lastUpdated(articles)}</updated>
  <link rel="self" type="application/atom+xml" href="${baseUrl}${outlet.feedPath}"/>
  <link rel="alternate" type="text/html" href="${baseUrl}/${outlet.id}/"/>
  <generator>DemoPress 4.2</generator>
${entries}
</feed>
`;
}

function atomEntry(outlet: DemoOutlet, article: DemoArticle, baseUrl: string): string {
  const { story } = article;
  return `  <entry>
    <id>tag:${outlet.id}.example,2026:article/${story.slug}</id>
    <title type="text">${escapeMarkup(story.headline)}</title>
    <link rel="alternate" type="text/html" href="${baseUrl}${article.path}"/>
    <published>${story.publishedAt}</published>
    <updated>${updatedAt(article)}</updated>
    <author><name>${escapeMarkup(story.byline)}</name></author>
    <category term="${escapeMarkup(story.section)}"/>
    <summary type="text">${escapeMarkup(story.summary)}</summary>
  </entry>`;
}

/** RFC 822 date; one outlet writes a numeric zone, as many CMSs do, the others "GMT". */
function rfc822(iso: string, outlet: DemoOutlet): string {
  const text = new Date(iso).toUTCString();
  return outlet.id === 'northgate-courier' ? text.replace(/ GMT$/, ' +0000') : text;
}
