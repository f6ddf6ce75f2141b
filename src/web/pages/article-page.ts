/** One article: its facts, a link to the original and the stored text (the HTML as sanitized when it was stored). */
import type { ArticleView } from '../../store/web-queries.js';
import { html, outboundLink, trustedHtml, type SafeHtml } from '../html.js';
import { renderPage, timeTag } from '../layout.js';
import { isLanguageTag } from '../params.js';

/** The whole page of one article. */
export function articlePage(article: ArticleView): string {
  const lang = article.lang !== null && isLanguageTag(article.lang) ? article.lang : null;
  const facts: Array<[string, SafeHtml | string]> = [
    ['Outlet', article.outlet],
    ...(article.byline ? [['By', article.byline] as [string, string]] : []),
    ['Published', timeTag(article.publishedAt)],
    ...(article.modifiedAt ? [['Modified', timeTag(article.modifiedAt)] as [string, SafeHtml]] : []),
    ['First seen', timeTag(article.firstSeenAt)],
    ['Updated', html`${timeTag(article.updatedAt)} (version ${article.version})`],
    ...(article.lang ? [['Language', article.lang] as [string, string]] : []),
    ['Original', outboundLink(article.url, article.url ?? 'none')],
    ...(article.cluster !== null
      ? [
          ['Story', html`<a href="/stories/${article.cluster}">${article.storyHeadline ?? `story #${article.cluster}`}</a>`] as [
            string,
            SafeHtml,
          ],
        ]
      : []),
  ];
  const body = html`<article class="article-page">
<h1${lang ? html` lang="${lang}"` : ''}>${article.title}</h1>
<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
<div class="body"${lang ? html` lang="${lang}"` : ''}>${article.html !== null && article.html.trim() !== '' ? trustedHtml(article.html) : paragraphs(article.text)}</div>
</article>`;
  return renderPage({ title: article.title, section: 'none', body });
}

function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => html`<p>${paragraph}</p>`);
}
