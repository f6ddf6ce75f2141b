/** The page shell every page shares, and the small formatting helpers of the templates. */
import { html, type HtmlValue, type SafeHtml } from './html.js';

/** The sections of the site, for the navigation. */
export type Section = 'stories' | 'search' | 'feeds' | 'stats' | 'none';

const NAV: ReadonlyArray<{ section: Section; href: string; label: string }> = [
  { section: 'stories', href: '/', label: 'Stories' },
  { section: 'search', href: '/search', label: 'Search' },
  { section: 'feeds', href: '/feeds', label: 'Feeds' },
  { section: 'stats', href: '/stats', label: 'Stats' },
];

/** What a page puts in the shell. */
export interface PageContent {
  title: string;
  section: Section;
  body: SafeHtml;
  /** The search box's current query. */
  query?: string;
}

/** A whole HTML document: lang set, one stylesheet, one deferred script, navigation, search, main. */
export function renderPage(content: PageContent): string {
  const nav = NAV.map(
    (item) => html`<li><a href="${item.href}"${item.section === content.section ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${content.title} · newsdedup</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<script src="/assets/time.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><div class="bar">
<a class="brand" href="/">newsdedup</a>
<nav aria-label="Sections"><ul>${nav}</ul></nav>
<form role="search" action="/search" method="get">
<input type="search" name="q" value="${content.query ?? ''}" placeholder="Search articles" aria-label="Search articles">
<button type="submit">Search</button>
</form>
</div></header>
<main id="main">
${content.body}
</main>
<footer>newsdedup · read-only view of the database · times in your time zone (hover for UTC)</footer>
</body>
</html>
`.value;
}

/** A `<time>` element: UTC in the text and the tooltip; the page's script rewrites the text into the reader's zone. */
export function timeTag(iso: string | null): SafeHtml {
  if (iso === null) return html`<span class="muted">never</span>`;
  const utc = `${iso.replace('T', ' ').slice(0, 16)} UTC`;
  return html`<time datetime="${iso}" title="${utc}">${utc}</time>`;
}

/** "1 outlet", "3 outlets". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A paragraph of muted text. */
export function note(text: HtmlValue): SafeHtml {
  return html`<p class="muted">${text}</p>`;
}
