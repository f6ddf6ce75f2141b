import type { DemoArticle } from './demo-corpus.js';
import { slugify as slug, type DemoOutlet, type SiteTemplate } from './corpus/outlets.js';
import { escapeMarkup as esc } from '../shared/escape-markup.js';

/** What a site layout needs to render one article page body. */
export interface PageContext {
  readonly article: DemoArticle;
  /** Absolute URL of this page. */
  readonly url: string;
  /** Absolute URL of the outlet's home page. */
  readonly home: string;
  readonly related: ReadonlyArray<{ readonly title: string; readonly url: string }>;
}

type Layout = (context: PageContext) => string;

const LAYOUTS: Record<SiteTemplate, Layout> = {
  broadsheet: broadsheetLayout,
  magazine: magazineLayout,
  regional: regionalLayout,
  community: communityLayout,
  tabloid: tabloidLayout,
  digital: digitalLayout,
};

/** The `<body>` element of an article page in the outlet's own layout. */
export function renderSiteBody(context: PageContext): string {
  return LAYOUTS[context.article.outlet.template](context);
}

function broadsheetLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  return `<body class="article-page">
<a class="skip-link" href="#maincontent">Skip to main content</a>
<header class="masthead">
  <div class="masthead__date">${formatDate(story.publishedAt, 'long')}</div>
  <a class="masthead__logo" href="${c.home}">${esc(outlet.name)}</a>
  <div class="masthead__tagline">${esc(outlet.tagline)}</div>
  <a class="masthead__support" href="${c.home}support">Support us</a> <a href="${c.home}signin">Sign in</a>
  ${navList(outlet, 'masthead__nav')}
</header>
<main id="maincontent">
  <article class="story">
    <p class="story__kicker"><a href="${c.home}${slug(story.section)}">${esc(story.section)}</a></p>
    <h1 class="story__headline">${esc(story.headline)}</h1>
    <p class="story__standfirst">${esc(story.summary)}</p>
    <div class="story__byline">By <a rel="author" href="${c.home}profile">${esc(story.byline)}</a></div>
    <time class="story__date" datetime="${story.publishedAt}">${formatDate(story.publishedAt, 'long')}</time>
    ${shareList(c, ['Facebook', 'X', 'Email'])}
    <div class="story__body">
${paragraphs(story.paragraphs)}
    </div>
    <p class="story__reuse">Reuse this content</p>
  </article>
  ${relatedList(c, 'More on this story', 'related')}
  ${newsletterBox(outlet, 'The Morning Briefing', 'Start every weekday with the stories that matter, in five minutes.')}
</main>
${footer(outlet, ['About us', 'Contact', 'Complaints & corrections', 'Terms & conditions', 'Privacy policy'])}
${cookieBanner(outlet)}
</body>`;
}

function magazineLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  const [first = '', ...rest] = story.paragraphs;
  return `<body>
<div id="app">
  <div class="topbar"><span>${esc(outlet.tagline)}</span> <a class="btn btn--subscribe" href="${c.home}subscribe">Subscribe from $1 a week</a></div>
  <header class="site-header"><a class="logo" href="${c.home}">${esc(outlet.name)}</a>${navList(outlet, 'primary-nav')}</header>
  <article class="article" itemscope itemtype="https://schema.org/NewsArticle">
    <nav class="breadcrumbs"><a href="${c.home}">Home</a> › <a href="${c.home}${slug(story.section)}">${esc(story.section)}</a></nav>
    <h1 class="article__title" itemprop="headline">${esc(story.headline)}</h1>
    <p class="article__dek">${esc(story.summary)}</p>
    <div class="article__meta"><span class="author" itemprop="author">${esc(story.byline)}</span> · <time itemprop="datePublished" datetime="${story.publishedAt}">${formatDate(story.publishedAt, 'short')}</time> · <span class="read-time">${readMinutes(story.paragraphs)} min read</span></div>
    ${shareList(c, ['Share', 'Post', 'Copy link'])}
    <div class="article__content" itemprop="articleBody">
      <p>${esc(first)}</p>
${inlinePromo(c)}
${paragraphs(rest)}
    </div>
    <div class="article__tags">Topics: <a href="${c.home}${slug(story.section)}">${esc(story.section)}</a></div>
  </article>
  ${relatedList(c, 'Recommended for you', 'recirculation')}
  ${newsletterBox(outlet, 'Meridian Weekend', 'Our best long reads, every Saturday morning.')}
  ${footer(outlet, ['Our journalism', 'Advertise', 'Careers', 'Privacy', 'Cookie settings'])}
</div>
${cookieBanner(outlet)}
</body>`;
}

function regionalLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  const half = Math.ceil(story.paragraphs.length / 2);
  return `<body class="theme-regional">
${cookieBanner(outlet)}
<div class="container">
  <div class="header-row"><a class="brand" href="${c.home}">${esc(outlet.name)}</a> <span class="weather">Northgate 7°C, showers</span></div>
  ${navList(outlet, 'navbar')}
  <div class="ad-slot ad-slot--leaderboard">Advertisement</div>
  <div class="row">
    <div class="col-main">
      <ol class="breadcrumb"><li><a href="${c.home}">Home</a></li><li>${esc(story.section)}</li></ol>
      <h1 class="headline">${esc(story.headline)}</h1>
      <div class="meta">By ${esc(story.byline)} | Published ${formatDate(story.publishedAt, 'numeric')}</div>
      <div class="article-text">
${paragraphs(story.paragraphs.slice(0, half))}
        <div class="ad-slot ad-slot--inline">Advertisement</div>
${paragraphs(story.paragraphs.slice(half))}
      </div>
      ${shareList(c, ['Facebook', 'WhatsApp', 'Email'])}
      <div class="comments-link"><a href="${c.url}#comments">Comments (14)</a></div>
    </div>
    <aside class="col-side">${relatedList(c, 'Most read', 'most-read')}
      <div class="ad-slot ad-slot--mpu">Advertisement</div></aside>
  </div>
</div>
${footer(outlet, ['Contact us', 'Advertise with us', 'Announcements', 'Terms', 'Privacy notice'])}
</body>`;
}

function communityLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  return `<body>
<div id="wrapper">
  <div id="header"><h1 class="site-title"><a href="${c.home}">${esc(outlet.name)}</a></h1><p class="site-description">${esc(outlet.tagline)}</p></div>
  ${navList(outlet, 'menu')}
  <div id="content">
    <div class="post">
      <h2 class="entry-title">${esc(story.headline)}</h2>
      <div class="entry-meta">Posted on ${formatDate(story.publishedAt, 'short')} by ${esc(story.byline)} in <a href="${c.home}${slug(story.section)}">${esc(story.section)}</a></div>
      <div class="entry-content">
${paragraphs(story.paragraphs)}
      </div>
      <div class="entry-footer">${shareList(c, ['Print', 'Email a friend'])}</div>
    </div>
  </div>
  <div id="sidebar">
    <div class="widget">Valley weather: 9°C, light rain</div>
    ${relatedList(c, 'Recent posts', 'widget')}
    <div class="widget">Community notices: submit yours to notices@valleyrecord.example</div>
    ${newsletterBox(outlet, 'Weekly Record', 'Get the week\u2019s valley news by email every Friday.')}
  </div>
  ${footer(outlet, ['About the Record', 'Advertise', 'Contact'])}
</div>
${cookieBanner(outlet)}
</body>`;
}

function tabloidLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  return `<body class="bp">
<header class="bp-header"><a class="bp-logo" href="${c.home}">${esc(outlet.name)}</a>${navList(outlet, 'bp-nav')}<a class="bp-login" href="${c.home}login">Log in</a></header>
<div class="bp-trending">Trending: <a href="${c.home}weather">Weather warnings</a> <a href="${c.home}money">Energy bills</a> <a href="${c.home}puzzles">Daily crossword</a></div>
<main>
  <article class="bp-article">
    <h1>${esc(story.headline)}</h1>
    <ul class="key-points"><li>${esc(story.summary)}</li></ul>
    <div class="bp-byline"><img src="/brightwater-post/assets/author.png" alt=""> ${esc(story.byline)} <span class="bp-updated">${formatDate(story.updatedAt ?? story.publishedAt, 'short')}, Updated ${formatTime(story.updatedAt ?? story.publishedAt)}</span></div>
    ${shareList(c, ['Share on Facebook', 'Share on X', 'Share by email'])}
    <div class="bp-body">
${paragraphs(story.paragraphs)}
      <p class="bp-tip"><strong>Got a story?</strong> Email news@brightwaterpost.example or call our newsdesk.</p>
    </div>
  </article>
  ${relatedList(c, 'Don\u2019t miss', 'bp-more')}
  ${newsletterBox(outlet, 'Post Daily', 'The biggest headlines straight to your inbox.')}
</main>
${footer(outlet, ['Contact', 'Jobs', 'Terms', 'Privacy', 'How to complain'])}
${cookieBanner(outlet)}
</body>`;
}

function digitalLayout(c: PageContext): string {
  const { story, outlet } = c.article;
  return `<body>
<header class="kn-header"><a href="${c.home}" class="kn-logo" aria-label="${esc(outlet.name)} home">${esc(outlet.name)}</a>${navList(outlet, 'kn-nav')}<button class="kn-search">Search</button></header>
<main class="kn-main">
  <article>
    <header class="kn-article-header">
      <span class="kn-label">${esc(story.section)}</span>
      <h1>${esc(story.headline)}</h1>
      <p class="kn-dek">${esc(story.summary)}</p>
      <p class="kn-meta">${esc(story.byline)} · <time datetime="${story.publishedAt}">${formatDate(story.publishedAt, 'short')} ${formatTime(story.publishedAt)} UTC</time></p>
    </header>
    <section class="kn-body">
${paragraphs(story.paragraphs)}
    </section>
    <footer class="kn-article-footer">${shareList(c, ['Copy link', 'Share'])}<p>Spotted an error? <a href="${c.home}corrections">Tell us</a>.</p></footer>
  </article>
  ${relatedList(c, 'More from Kite', 'kn-related')}
</main>
${newsletterBox(outlet, 'Kite Daily', 'One email, ten stories, no noise. Free.')}
${footer(outlet, ['About Kite', 'Standards', 'Privacy', 'Contact'])}
${cookieBanner(outlet)}
</body>`;
}

function paragraphs(texts: readonly string[]): string {
  return texts.map((text) => `      <p>${esc(text)}</p>`).join('\n');
}

function navList(outlet: DemoOutlet, className: string): string {
  const items = outlet.nav.map((label) => `<li><a href="/${outlet.id}/${slug(label)}">${esc(label)}</a></li>`);
  return `<nav class="${className}"><ul>${items.join('')}</ul></nav>`;
}

function shareList(c: PageContext, labels: readonly string[]): string {
  const encoded = encodeURIComponent(c.url);
  const items = labels.map((label) => `<li><a href="#share?u=${encoded}" class="share-btn">${esc(label)}</a></li>`);
  return `<ul class="share">${items.join('')}</ul>`;
}

function relatedList(c: PageContext, title: string, className: string): string {
  const items = c.related.map((link) => `<li><a href="${link.url}">${esc(link.title)}</a></li>`);
  return `<aside class="${className}"><h3>${esc(title)}</h3><ul>${items.join('')}</ul></aside>`;
}

function inlinePromo(c: PageContext): string {
  const first = c.related[0];
  return first === undefined
    ? ''
    : `      <aside class="inline-promo"><strong>Read more:</strong> <a href="${first.url}">${esc(first.title)}</a></aside>`;
}

function newsletterBox(outlet: DemoOutlet, name: string, pitch: string): string {
  return `<section class="newsletter-signup"><h3>Sign up to ${esc(name)}</h3><p>${esc(pitch)}</p>
  <form action="/${outlet.id}/newsletters" method="post"><input type="email" name="email" placeholder="Your email address"><button>Sign up</button></form>
  <p class="small">By signing up you agree to our privacy policy. You can unsubscribe at any time.</p></section>`;
}

function footer(outlet: DemoOutlet, links: readonly string[]): string {
  const items = links.map((label) => `<li><a href="/${outlet.id}/${slug(label)}">${esc(label)}</a></li>`);
  return `<footer class="site-footer"><ul>${items.join('')}</ul><p>© 2026 ${esc(outlet.name)}. All rights reserved.</p></footer>`;
}

function cookieBanner(outlet: DemoOutlet): string {
  return `<div class="cookie-banner" role="dialog" aria-label="Cookie consent"><p>${esc(outlet.name)} and our partners use cookies to personalise content and ads and to analyse our traffic.</p><button class="accept">Accept all</button> <button class="manage">Manage preferences</button></div>`;
}

function readMinutes(texts: readonly string[]): number {
  const words = texts.join(' ').split(/\s+/).length;
  return Math.max(1, Math.round(words / 230));
}

const DATE_FORMATS = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  numeric: { day: '2-digit', month: '2-digit', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatDate(iso: string, style: keyof typeof DATE_FORMATS): string {
  return new Intl.DateTimeFormat('en-GB', { ...DATE_FORMATS[style], timeZone: 'UTC' }).format(new Date(iso));
}

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(iso));
}
