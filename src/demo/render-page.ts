import type { DemoArticle } from './demo-corpus.js';
import { escapeMarkup } from '../shared/escape-markup.js';
import { renderSiteBody, type PageContext } from './site-templates.js';

/**
 * Renders an article page as the outlet's site would serve it: full head metadata (canonical, Open Graph,
 * article:published_time, JSON-LD NewsArticle on outlets that use it) and the outlet's own layout with its
 * navigation, share buttons, related links, newsletter prompt, footer and cookie banner around the text.
 * `related` are other articles of the same outlet for the "related articles" list.
 */
export function renderPage(article: DemoArticle, related: readonly DemoArticle[], baseUrl: string): string {
  const context: PageContext = {
    article,
    url: `${baseUrl}${article.path}`,
    home: `${baseUrl}/${article.outlet.id}/`,
    related: related.map((other) => ({ title: other.story.headline, url: `${baseUrl}${other.path}` })),
  };
  return `<!DOCTYPE html>
<html lang="en">
<head>
${renderHead(context)}
</head>
${renderSiteBody(context)}
</html>
`;
}

function renderHead(context: PageContext): string {
  const { story, outlet } = context.article;
  const meta = (attribute: string, key: string, value: string): string => `<meta ${attribute}="${key}" content="${escapeMarkup(value)}">`;
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(story.headline)} | ${escapeMarkup(outlet.name)}</title>`,
    meta('name', 'description', story.summary),
    meta('name', 'author', authorName(story.byline)),
    `<link rel="canonical" href="${context.url}">`,
    meta('property', 'og:type', 'article'),
    meta('property', 'og:title', story.headline),
    meta('property', 'og:description', story.summary),
    meta('property', 'og:url', context.url),
    meta('property', 'og:site_name', outlet.name),
    meta('property', 'article:published_time', story.publishedAt),
    meta('property', 'article:modified_time', story.updatedAt ?? story.publishedAt),
    meta('property', 'article:section', story.section),
    meta('name', 'twitter:card', 'summary_large_image'),
    `<link rel="stylesheet" href="/${outlet.id}/assets/site.css">`,
    `<link rel="alternate" type="application/${outlet.feedFormat}+xml" title="${escapeMarkup(outlet.name)}" href="${outlet.feedPath}">`,
    outlet.jsonLd ? renderJsonLd(context) : '',
    // Analytics snippets sit in every real page head; extraction must ignore them.
    `<script>window.dataLayer=window.dataLayer||[];dataLayer.push({site:"${outlet.id}",section:"${escapeMarkup(story.section)}"});</script>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function renderJsonLd(context: PageContext): string {
  const { story, outlet } = context.article;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.headline,
    description: story.summary,
    datePublished: story.publishedAt,
    dateModified: story.updatedAt ?? story.publishedAt,
    articleSection: story.section,
    inLanguage: 'en',
    mainEntityOfPage: { '@type': 'WebPage', '@id': context.url },
    author: [{ '@type': 'Person', name: authorName(story.byline) }],
    publisher: { '@type': 'Organization', name: outlet.name },
  };
  // "<" escaped so a headline can never close the script element early.
  const json = JSON.stringify(data, null, 2).replace(/</g, '\\u003c');
  return `<script type="application/ld+json">\n${json}\n</script>`;
}

/** The person's name from a printed byline such as "Mara Lindqvist, Environment Correspondent". */
function authorName(byline: string): string {
  return byline.split(',')[0]?.trim() ?? byline;
}
